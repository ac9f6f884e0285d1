using System.Buffers;
using System.Buffers.Binary;
using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;

namespace GradientService.Web.Live;

/// <summary>
/// Reads a MessagePack array of doubles straight from the message buffer. The server writes every double as float64
/// (the 0xcb code and 8 big-endian bytes), so an array of n doubles is n × 9 contiguous bytes; decoding them in one
/// plain loop costs the WebAssembly interpreter a fraction of n calls to <see cref="MessagePackReader.ReadDouble"/>
/// (a 100-layer batch holds up to 20,000 of them). Any other encoding falls back to the reader, element by element.
/// </summary>
public sealed class Float64ArrayFormatter : IMessagePackFormatter<double[]?>
{
    private const byte Float64Code = 0xcb;
    private const int Float64Size = 9;

    public static readonly Float64ArrayFormatter Instance = new();

    /// <summary>SignalR's own MessagePack options (enums as strings, contractless records, untrusted data) with this formatter first.</summary>
    public static MessagePackSerializerOptions HubOptions { get; } = MessagePackSerializerOptions.Standard
        .WithResolver(CompositeResolver.Create([Instance], [DynamicEnumAsStringResolver.Instance, ContractlessStandardResolver.Instance]))
        .WithSecurity(MessagePackSecurity.UntrustedData);

    public void Serialize(ref MessagePackWriter writer, double[]? value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }
        writer.WriteArrayHeader(value.Length);
        foreach (var v in value) writer.Write(v);
    }

    public double[]? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil()) return null;
        var count = reader.ReadArrayHeader();
        var values = new double[count];
        var length = (long)count * Float64Size;
        var rest = reader.Sequence.Slice(reader.Position);
        if (rest.Length >= length && TryDecode(rest.Slice(0, length), values))
        {
            reader.ReadRaw(length); // consumed: the values are already decoded
            return values;
        }
        for (var i = 0; i < count; i++) values[i] = reader.ReadDouble();
        return values;
    }

    private static bool TryDecode(ReadOnlySequence<byte> raw, double[] values)
    {
        ReadOnlySpan<byte> bytes = raw.IsSingleSegment ? raw.FirstSpan : raw.ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            var at = i * Float64Size;
            if (bytes[at] != Float64Code) return false;
            values[i] = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(bytes.Slice(at + 1, 8)));
        }
        return true;
    }
}
