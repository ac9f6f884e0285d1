using GradientService.Core.Detection;

namespace GradientService.Core.Tests.Detection;

public class EpisodeLogTests
{
    private readonly EpisodeLog _log = new();

    private static string Describe(EpisodeSlot e) => $"{e.Steps}";

    /// <summary>One recorded step at which <paramref name="held"/> holds with <paramref name="value"/>.</summary>
    private IReadOnlyList<EpisodeState> Step(int step, EpisodeSlot? held = null, double value = 1, int layer = 0)
    {
        _log.BeginStep();
        held?.Hold(step, value, layer);
        _log.EndStep();
        return _log.Changed;
    }

    [Fact]
    public void Hold_FirstStep_OpensAnEpisodeAndReportsIt()
    {
        var slot = _log.Slot("k", 3, Describe);

        var changed = Step(7, slot, 0.5, 3);

        Assert.Equal([new EpisodeState("k", 3, 3, 7, 7, 1, 0.5, 7, true, "1")], changed);
    }

    [Fact]
    public void Hold_ConsecutiveSteps_ExtendsTheOpenEpisodeAndKeepsThePeak()
    {
        var slot = _log.Slot("k", 0, Describe);
        Step(1, slot, 2);
        Step(2, slot, 5);

        var changed = Step(3, slot, 3);

        var e = Assert.Single(changed);
        Assert.Equal((1, 3, 3, 5.0, 2, true), (e.FirstStep, e.LastStep, e.Steps, e.Peak, e.PeakStep, e.Open));
    }

    [Fact]
    public void Hold_SmallestPeakRule_KeepsTheSmallestValue()
    {
        var slot = _log.Slot("k", 0, Describe, peak: EpisodeSlot.PeakRule.Smallest);
        Step(1, slot, 0.5);

        var e = Assert.Single(Step(2, slot, 0.25));

        Assert.Equal((0.25, 2), (e.Peak, e.PeakStep));
    }

    [Fact]
    public void Flicker_ShorterThanThePatience_KeepsOneEpisodeOpen()
    {
        var slot = _log.Slot("k", 0, Describe, patience: 3);
        foreach (var step in new[] { 1, 2, 3 }) Step(step, slot); // opens at the third step held
        Step(4);
        Step(5);
        Step(6, slot); // two misses: still the same episode

        Assert.Empty(Step(7));
        Assert.Empty(Step(8));
        var closed = Assert.Single(Step(9)); // the third miss in a row closes it, at the last step held

        Assert.Equal((1, 6, 4, false), (closed.FirstStep, closed.LastStep, closed.Steps, closed.Open));
        Step(10, slot);
        Step(11, slot);
        Assert.Equal(10, Assert.Single(Step(12, slot)).FirstStep); // later holds make a new episode
    }

    [Fact]
    public void Step_WithoutTheCondition_ClosesTheEpisodeWithItsFinalNumbers()
    {
        var slot = _log.Slot("k", 0, Describe);
        Step(1, slot);
        Step(2, slot);

        var changed = Step(3);

        Assert.Equal([new EpisodeState("k", 0, 0, 1, 2, 2, 1, 1, false, "2")], changed);
        Assert.Empty(Step(4));
    }

    [Fact]
    public void Hold_AfterAGap_OpensANewEpisode()
    {
        var slot = _log.Slot("k", 0, Describe);
        Step(1, slot);
        Step(2);

        var e = Assert.Single(Step(3, slot));

        Assert.Equal((3, 1, true), (e.FirstStep, e.Steps, e.Open));
    }

    [Fact]
    public void Hold_WithPatience_IsPendingUntilItHeldThatLongThenStartsAtItsFirstStep()
    {
        var slot = _log.Slot("k", 0, Describe, patience: 3);

        Assert.Empty(Step(10, slot));
        Assert.Empty(Step(11, slot));
        var e = Assert.Single(Step(12, slot));

        Assert.Equal((10, 12, 3, true), (e.FirstStep, e.LastStep, e.Steps, e.Open));
    }

    [Fact]
    public void Step_WithoutTheCondition_DropsAPendingEpisodeSilently()
    {
        var slot = _log.Slot("k", 0, Describe, patience: 3);
        Step(1, slot);
        Step(2, slot);

        Assert.Empty(Step(3));
        Assert.Empty(Step(4, slot));
    }

    [Fact]
    public void Hold_DeepestLayerRule_ReportsTheDeepestLayerSeen()
    {
        var slot = _log.Slot("k", 0, Describe, layer: EpisodeSlot.LayerRule.Deepest);
        Step(1, slot, layer: 2);
        Step(2, slot, layer: 5);

        var e = Assert.Single(Step(3, slot, layer: 3));

        Assert.Equal(5, e.Layer);
    }

    [Fact]
    public void CloseAll_ClosesEveryOpenEpisode()
    {
        var a = _log.Slot("a", 1, Describe);
        var b = _log.Slot("b", 2, Describe);
        _log.BeginStep();
        a.Hold(1, 1, 1);
        b.Hold(1, 1, 2);
        _log.EndStep();
        _log.BeginStep();

        _log.CloseAll();

        Assert.Equal([("a", false), ("b", false)], _log.Changed.Select(e => (e.Kind, e.Open)).Order());
    }

    [Fact]
    public void Once_IsAClosedOneStepEpisode()
    {
        var slot = _log.Slot("k", 0, Describe);
        _log.BeginStep();

        slot.Once(9, double.NaN, 4, "why");

        Assert.Equal([new EpisodeState("k", 0, 4, 9, 9, 1, double.NaN, 9, false, "why")], _log.Changed);
    }

    [Fact]
    public void Hold_SteadyOpenEpisode_AllocatesNothing()
    {
        var slots = Enumerable.Range(1, 8).Select(l => _log.Slot("k", l, Describe)).ToArray();
        var step = 0;
        void Run()
        {
            for (var i = 0; i < 1000; i++)
            {
                step++;
                _log.BeginStep();
                foreach (var slot in slots) slot.Hold(step, 1, slot.Track);
                _log.EndStep();
            }
        }
        Run();

        Assert.Equal(0, Allocations.Fewest(GC.GetAllocatedBytesForCurrentThread, Run));
        Assert.Equal(8, _log.Changed.Count);
    }
}
