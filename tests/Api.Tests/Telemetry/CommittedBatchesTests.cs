using GradientService.Api.Telemetry;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Telemetry;

public sealed class CommittedBatchesTests
{
    private readonly TapSteps _taps = new(2);

    [Fact]
    public void Of_InterleavedRuns_GivesOneBatchPerWantedRunWithItsStepsAndEventsInOrder()
    {
        var (a, b, unwatched) = (_taps.Tap(Guid.NewGuid()), _taps.Tap(Guid.NewGuid()), _taps.Tap(Guid.NewGuid()));
        var committed = new List<TelemetryItem>();
        committed.AddRange(_taps.Steps(a, 1, 2, clippedAt: 2));
        committed.AddRange(_taps.Steps(unwatched, 1, 3));
        committed.AddRange(_taps.Steps(b, 7, 7));
        committed.AddRange(_taps.Steps(a, 3, 3));
        a.Checkpoint(3, [1, 2, 3]);
        a.Event(new RunEventMessage(3, RunEventKinds.Diverged, 1, null, "loss is NaN"));
        committed.AddRange(_taps.Drain());

        var batches = CommittedBatches.Of(committed, id => id != unwatched.RunId);

        Assert.Equal([a.RunId, b.RunId], batches.Select(x => x.RunId));
        Assert.Equal([1, 2, 3], batches[0].Steps.Select(s => s.Step));
        Assert.Equal([1, 2, 3], batches[0].Layers.Select(f => f.Step));
        Assert.Equal([(2, RunEventKinds.Clipping), (3, RunEventKinds.Diverged)], batches[0].Events.Select(e => (e.Step, e.Kind)));
        Assert.Equal((1, 3, false), (batches[0].FirstStep, batches[0].LastStep, batches[0].LayersThinned));
        Assert.Equal((7, 7), (batches[1].FirstStep, batches[1].LastStep));
    }

    [Fact]
    public void Of_OnlyAnEventOfARun_GivesABatchWithoutStepsSpanningTheEvent()
    {
        var tap = _taps.Tap(Guid.NewGuid());
        tap.Event(new RunEventMessage(12, RunEventKinds.Diverged, null, null, "the gradient norm is not finite"));

        var batch = Assert.Single(CommittedBatches.Of(_taps.Drain(), _ => true));

        Assert.Empty(batch.Steps);
        Assert.Equal((12, 12), (batch.FirstStep, batch.LastStep));
        Assert.Equal(RunEventKinds.Diverged, Assert.Single(batch.Events).Kind);
    }
}
