using GradientService.Contracts.Presets;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Recurrent;

/// <summary>
/// The "exploding-rnn" experiment (Pascanu, Mikolov &amp; Bengio 2013): a tanh RNN whose W_hh has σ_max = 3 &gt; 1/γ.
/// Unclipped, its gradient norm grows by orders of magnitude within a few steps; with global-norm clipping (τ = 1)
/// every applied step has ‖g‖ ≤ τ, the run stays finite and the clips are recorded.
/// </summary>
public class ExplodingGradientTests
{
    private const double Tau = 1;

    /// <summary>The "exploding-rnn" preset, shortened to <paramref name="steps"/> and without the time-lag probe.</summary>
    public static RunSpec Exploding(int steps)
    {
        var spec = PresetCatalog.Find("exploding-rnn")!.Spec; // the catalogue's own name; PresetCatalogTests checks every preset exists and validates
        return spec with { Training = spec.Training with { Steps = steps, TimeLagEvery = 0 } };
    }

    [Fact]
    public void Unclipped_GradientNormGrowsHundredfoldWithinTwentySteps()
    {
        var norms = new List<double>();
        var result = Trainer.Create(Exploding(20)).Run(r => norms.Add(r.GradNormBefore));

        var growth = result.Outcome == RunOutcome.Diverged ? double.PositiveInfinity : LargestGrowth(norms);
        Assert.True(growth >= 100, $"largest growth ‖g_t‖/‖g_s‖ (s < t) over 20 steps: {growth:G3}");
    }

    [Fact]
    public void Clipped_StaysFiniteNeverStepsAboveTauAndRecordsClips()
    {
        var spec = Exploding(300) with { Clipping = new ClippingSpec { Mode = ClippingMode.GlobalNorm, Threshold = Tau } };
        var after = new List<double>();
        var clips = 0;

        var result = Trainer.Create(spec).Run(r =>
        {
            after.Add(r.GradNormAfter);
            if (r.Clipped) clips++;
            Assert.True(r.GradNormBefore <= Tau || r.ClipScale < 1, $"step {r.Step}: ‖g‖ = {r.GradNormBefore} > τ but not clipped");
        });

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.All(after, n => Assert.True(double.IsFinite(n) && n <= Tau * (1 + 1e-6), $"applied norm {n}"));
        Assert.True(clips > 0, "clipping events are recorded");
    }

    private static double LargestGrowth(List<double> norms)
    {
        var best = 0.0;
        var smallest = double.PositiveInfinity;
        foreach (var n in norms)
        {
            best = Math.Max(best, n / smallest);
            smallest = Math.Min(smallest, n);
        }
        return best;
    }
}
