using GradientService.Core.Contracts;
using GradientService.Web.Live;
using GradientService.Web.Tests.Infrastructure;
using MessagePack;
using MessagePack.Resolvers;

namespace GradientService.Web.Tests.Live;

public sealed class Float64ArrayFormatterTests
{
    // What the server's MessagePack hub protocol uses by default (Microsoft.AspNetCore.SignalR.Protocols.MessagePack).
    private static readonly MessagePackSerializerOptions ServerOptions = MessagePackSerializerOptions.Standard
        .WithResolver(CompositeResolver.Create(DynamicEnumAsStringResolver.Instance, ContractlessStandardResolver.Instance));

    [Fact]
    public void Deserialize_FrameWrittenByTheServer_ReadsEveryValueExactly()
    {
        var frame = Wire.Frame(7);
        frame.WeightGradNorm[0] = double.NaN;
        frame.WeightGradNorm[1] = double.PositiveInfinity;
        frame.DeltaNorm[2] = -0.0;
        frame.UpdateRatio[1] = double.Epsilon;

        var read = MessagePackSerializer.Deserialize<LayerFrame>(MessagePackSerializer.Serialize(frame, ServerOptions), Float64ArrayFormatter.HubOptions);

        Assert.Equal(7, read.Step);
        Assert.Equal(frame.WeightGradNorm, read.WeightGradNorm);
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(read.DeltaNorm[2]));
        Assert.Equal(frame.UpdateRatio, read.UpdateRatio);
        Assert.Equal(frame.NonFiniteCount, read.NonFiniteCount);
    }

    [Fact]
    public void Deserialize_NullArray_StaysNull()
    {
        var frame = new RecurrentFrame(3, 1, 1.5, 0.9, double.NaN, [1.0], [2.0], null);

        var read = MessagePackSerializer.Deserialize<RecurrentFrame>(MessagePackSerializer.Serialize(frame, ServerOptions), Float64ArrayFormatter.HubOptions);

        Assert.Null(read.TimeLag);
        Assert.Equal([2.0], read.RecurrentGateGradNorms);
    }

    [Fact]
    public void Deserialize_ArrayOfCompactIntegers_FallsBackToTheReader()
    {
        // Another writer may encode whole numbers as MessagePack integers: not the float64 layout, still doubles.
        var bytes = MessagePackSerializer.Serialize(new[] { 1, 300, -5 }, ServerOptions);

        var read = MessagePackSerializer.Deserialize<double[]>(bytes, Float64ArrayFormatter.HubOptions);

        Assert.Equal([1.0, 300.0, -5.0], read);
    }
}
