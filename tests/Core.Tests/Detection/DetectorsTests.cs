using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Detection;
using GradientService.Core.Probes;

namespace GradientService.Core.Tests.Detection;

public class DetectorsTests
{
    private const int Layers = 3;

    private static StepRecord Healthy(int step = 5)
    {
        var r = new StepRecord(Layers, 0, 1, 1) { Step = step, Loss = 0.5, GradNormBefore = 2, GradNormAfter = 2, ClipScale = 1 };
        for (var l = 0; l < Layers; l++) r.Layers[l] = new LayerStats { ActivationMean = 0.1, ActivationStd = 1, PreactivationGradNorm = 0.3 };
        return r;
    }

    private static List<RunEventMessage> Inspect(Detectors detectors, StepRecord step)
    {
        var events = new List<RunEventMessage>();
        detectors.Inspect(step, events);
        return events;
    }

    [Fact]
    public void Live_ClippedStep_EmitsTheClippingEventWithTheNormBefore()
    {
        var step = Healthy();
        (step.GradNormBefore, step.GradNormAfter, step.ClipScale) = (4, 1, 0.25);

        var e = Assert.Single(Inspect(Detectors.Live(new RunSpec(), Layers), step));

        Assert.Equal(new RunEventMessage(5, RunEventKinds.Clipping, null, 4, "‖g‖ 4 clipped to 1 (scale 0.25)."), e);
    }

    [Fact]
    public void Live_NonFiniteGradients_NameTheFirstLayerAndCountEveryEntry()
    {
        var step = Healthy();
        step.Layers[1].NonFiniteGradCount = 3;
        step.Layers[2].NonFiniteGradCount = 4;

        var e = Assert.Single(Inspect(Detectors.Live(new RunSpec(), Layers), step));

        Assert.Equal(new RunEventMessage(5, RunEventKinds.NonFinite, 2, 7, "7 gradient entries are NaN or ±∞, first in layer 2."), e);
    }

    [Fact]
    public void Live_NonFiniteLoss_IsReportedWithoutALayerAndDivergenceIsLeftToTheTrainer()
    {
        var step = Healthy();
        step.Loss = double.NaN;

        var e = Assert.Single(Inspect(Detectors.Live(new RunSpec(), Layers), step));

        Assert.Equal(new RunEventMessage(5, RunEventKinds.NonFinite, null, 0, "The loss is NaN."), e);
    }

    [Fact]
    public void Replay_NonFiniteLoss_AddsTheDivergenceAfterTheStepsOtherEvents()
    {
        var step = Healthy();
        step.Loss = double.PositiveInfinity;
        step.Layers[1].ActivationStd = double.NaN;

        var events = Inspect(Detectors.Replay(new RunSpec(), Layers), step);

        Assert.Equal([RunEventKinds.NonFinite, RunEventKinds.Diverged], events.Select(e => e.Kind));
        Assert.Equal(new RunEventMessage(5, RunEventKinds.Diverged, 2, null, $"loss is {double.PositiveInfinity}; activations of layer 2 are not finite"), events[1]);
    }

    [Fact]
    public void Find_NonFiniteNormWithFiniteLoss_PointsAtTheLayerNearestTheOutput()
    {
        var step = Healthy(9);
        step.GradNormBefore = double.NaN;
        step.Layers[0].NonFiniteGradCount = 2;
        step.Layers[1].PreactivationGradNorm = double.PositiveInfinity;

        var divergence = DivergenceDetector.Find(step);

        Assert.Equal((9, 2), (divergence!.Step, divergence.Layer));
        Assert.Equal("0 gradient entries of layer 2 are not finite", divergence.Reason);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Replay_HealthyStep_EmitsNothing(double clipScale)
    {
        var step = Healthy();
        step.ClipScale = clipScale;

        Assert.Empty(Inspect(Detectors.Replay(new RunSpec(), Layers), step));
    }

    [Fact]
    public void Inspect_StepsWithoutEvents_AllocatesNothing()
    {
        var detectors = Detectors.Replay(new RunSpec(), Layers);
        var step = Healthy();
        var events = new List<RunEventMessage>();
        detectors.Inspect(step, events);

        Assert.Equal(0, Allocations.Fewest(GC.GetAllocatedBytesForCurrentThread, () =>
        {
            for (var i = 0; i < 1000; i++) detectors.Inspect(step, events);
        }));
        Assert.Empty(events);
    }

    [Fact]
    public void Inspect_SteadyOpenEpisodes_AllocatesNothing()
    {
        var spec = new RunSpec { Model = new MlpSpec { Depth = Layers - 1, Activation = ActivationKind.Sigmoid } };
        var detectors = Detectors.Live(spec, Layers);
        var step = Healthy();
        for (var l = 0; l < Layers; l++) (step.Layers[l].WeightGradNorm, step.Layers[l].SaturationFraction) = (l == Layers - 1 ? 1 : 1e-12, 0.9);
        var events = new List<RunEventMessage>();
        void Run()
        {
            for (var i = 0; i < 1000; i++)
            {
                step.Step++;
                detectors.Inspect(step, events);
            }
        }
        Run();

        Assert.Equal(0, Allocations.Fewest(GC.GetAllocatedBytesForCurrentThread, Run));
        Assert.Equal([EpisodeKinds.Vanishing, EpisodeKinds.Saturation, EpisodeKinds.Saturation, EpisodeKinds.Stalled], detectors.Episodes.Changed.Select(e => e.Kind));
        Assert.All(detectors.Episodes.Changed, e => Assert.True(e.Open));
    }
}
