using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;
using Microsoft.AspNetCore.SignalR;

namespace GradientService.Api.Hubs;

/// <summary>
/// The hub's MessagePack encoding of <c>double?</c> (every step value and layer probe of the live messages and the
/// backfill): a value that a float32 holds exactly, bit for bit, goes as MessagePack float32 (5 bytes), any other as
/// float64 (9 bytes), null as nil. Every reader's <c>ReadDouble</c> accepts both, so clients decode the same doubles;
/// a float32 run's probes (rounded to float32 by the engine) cost 45 % fewer bytes to copy to each connection and to
/// decode (issue 17, service overhead).
/// </summary>
public sealed class CompactDoubles : IMessagePackFormatter<double?>
{
    public static readonly CompactDoubles Instance = new();

    /// <summary>SignalR's MessagePack options with this encoding of <c>double?</c> ahead of their own resolver.</summary>
    public static void Use(MessagePackHubProtocolOptions options) =>
        options.SerializerOptions = options.SerializerOptions.WithResolver(
            CompositeResolver.Create([Instance], [options.SerializerOptions.Resolver]));

    public void Serialize(ref MessagePackWriter writer, double? value, MessagePackSerializerOptions options)
    {
        if (value is not { } v) writer.WriteNil();
        else if (IsSingle(v)) writer.Write((float)v);
        else writer.Write(v);
    }

    public double? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        reader.TryReadNil() ? null : reader.ReadDouble();

    /// <summary>Whether <paramref name="value"/> survives the round trip through float32 with every bit (NaN payload and −0 too).</summary>
    public static bool IsSingle(double value) => BitConverter.DoubleToInt64Bits((float)value) == BitConverter.DoubleToInt64Bits(value);
}
