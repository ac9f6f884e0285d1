using GradientService.Api.Hubs;
using MessagePack;
using MessagePack.Resolvers;
using Microsoft.AspNetCore.SignalR;

namespace GradientService.Api.Tests.Hubs;

public sealed class CompactDoublesTests
{
    private static readonly MessagePackSerializerOptions Hub = HubOptions();

    private static MessagePackSerializerOptions HubOptions()
    {
        var options = new MessagePackHubProtocolOptions();
        CompactDoubles.Use(options);
        return options.SerializerOptions;
    }

    public static TheoryData<double, int> Values => new()
    {
        { 0.0, 5 }, { -0.0, 5 }, { 1.5, 5 }, { (float)0.1, 5 }, { float.MaxValue, 5 }, { float.Epsilon, 5 },
        { double.NaN, 5 }, { double.PositiveInfinity, 5 }, { double.NegativeInfinity, 5 },
        { 0.1, 9 }, { 1e-300, 9 }, { 1e300, 9 }, { double.Epsilon, 9 }, { 1 + 1e-12, 9 },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Serialize_Value_TakesFloat32OnlyWhenExactAndReadsBackBitForBit(double value, int bytes)
    {
        var packed = MessagePackSerializer.Serialize<double?>(value, Hub);

        Assert.Equal(bytes, packed.Length);
        var plain = MessagePackSerializer.Deserialize<double?>(packed, ContractlessStandardResolver.Options); // a client's default formatter
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(plain!.Value));
    }

    [Fact]
    public void Serialize_NullableRows_KeepNullsAndValues()
    {
        double?[][] rows = [[null, 0.25, 0.1], [null, null]];

        var read = MessagePackSerializer.Deserialize<double?[][]>(MessagePackSerializer.Serialize(rows, Hub), ContractlessStandardResolver.Options);

        Assert.Equal(rows, read);
    }
}
