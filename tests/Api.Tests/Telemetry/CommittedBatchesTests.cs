using GradientService.Api.Telemetry;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;
using GradientService.Core.Training;

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
        a.Finish(new Divergence(3, 1, "loss is NaN"));
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
        tap.Finish(new Divergence(12, 0, "the gradient norm is not finite"));

        var batch = Assert.Single(CommittedBatches.Of(_taps.Drain(), _ => true));

        Assert.Empty(batch.Steps);
        Assert.Equal((12, 12), (batch.FirstStep, batch.LastStep));
        Assert.Equal(RunEventKinds.Diverged, Assert.Single(batch.Events).Kind);
        Assert.Equal(new RunEpisode(EpisodeKinds.Diverged, null, 12, 12, 1, null, null, false, "the gradient norm is not finite"), Assert.Single(batch.Episodes));
    }

    [Fact]
    public void Of_EpisodeThatGrewAndClosed_CarriesOnlyItsNewestState()
    {
        var tap = _taps.Tap(Guid.NewGuid());
        var items = new List<TelemetryItem>();
        for (var step = 1; step <= 3; step++) items.AddRange(_taps.Steps(tap, step, step, clippedAt: step));
        tap.Finish(null);
        items.AddRange(_taps.Drain());

        var batch = Assert.Single(CommittedBatches.Of(items, _ => true));

        var episode = Assert.Single(batch.Episodes);
        Assert.Equal((EpisodeKinds.Clipping, 1, 3, 3, false, 0.1), (episode.Kind, episode.FirstStep, episode.LastStep, episode.Steps, episode.Open, episode.Peak));
    }
}
