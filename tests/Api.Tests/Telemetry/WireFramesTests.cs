using GradientService.Api.Telemetry;
using GradientService.Contracts.Metrics;

namespace GradientService.Api.Tests.Telemetry;

public sealed class WireFramesTests
{
    private static StepFrame Frame(int step)
    {
        var frame = new StepFrame(3, 0, 1, 1) { Run = null!, Step = step }; // building wire frames never reads the run
        for (var l = 0; l < 3; l++)
        {
            frame.Layers[l].WeightGradNorm = step + 0.5 * l;
            frame.Layers[l].MarkAbsent(LayerMetric.AttentionEntropy);
        }
        frame.Layers[1].MarkAbsent(LayerMetric.BiasGradNorm);
        return frame;
    }

    [Fact]
    public void Layers_MetricAbsentOnEveryLayer_IsOneNullRowSharedByFrames()
    {
        var (first, second) = (WireFrames.Layers(Frame(1)), WireFrames.Layers(Frame(2)));

        var absent = first.Values[(int)LayerMetric.AttentionEntropy];
        Assert.Equal(new double?[3], absent);
        Assert.Same(absent, second.Values[(int)LayerMetric.AttentionEntropy]);
    }

    [Fact]
    public void Layers_MetricPresentOnSomeLayers_KeepsEachValueAndNullsTheOthers()
    {
        var frame = WireFrames.Layers(Frame(4));

        Assert.Equal(new double?[] { 4.0, 4.5, 5.0 }, frame.Values[(int)LayerMetric.WeightGradNorm]);
        Assert.Equal(new double?[] { 0.0, null, 0.0 }, frame.Values[(int)LayerMetric.BiasGradNorm]);
        Assert.NotSame(frame.Values[(int)LayerMetric.WeightGradNorm], WireFrames.Layers(Frame(4)).Values[(int)LayerMetric.WeightGradNorm]);
    }
}
