using GradientService.Contracts.Presets;
using GradientService.Contracts.Spec;
using GradientService.Core.Reproductions;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Reproductions;

/// <summary>
/// The recurrent presets' reproductions at CI scale, over seeds 1–5 (the full scale is the bench's <c>reproduce</c>):
/// Hochreiter &amp; Schmidhuber's adding problem (Table 7) at a reduced lag, and Pascanu et al.'s exploding RNN with and
/// without clipping.
/// </summary>
public class RecurrentReproductionTests
{
    /// <summary>The adding presets at T = 30 (minimal lag 15), 16 units, 1,000 steps and 2,000 sequences.</summary>
    private static RunSpec Adding(string preset)
    {
        var spec = PresetCatalog.Find(preset)!.Spec; // PresetCatalogTests checks every preset exists
        return spec with
        {
            Model = spec.Model with { Width = 16 },
            Data = spec.Data with { Samples = 2000, SequenceLength = 30 },
            Training = spec.Training with { Steps = 1000 },
        };
    }

    [Fact]
    public void AddingProblem_ReducedLag_LstmGetsAlmostNoSequenceWrongWhereThePlainRnnFails()
    {
        static double WrongShare(RunSpec spec) => ReproductionMeasures.WrongPredictions(spec, ReproductionMeasures.AddingTolerance);

        var lstm = ReproductionMeasures.OverSeeds(Adding("adding-lstm"), spec => [WrongShare(spec)])[0];
        var rnn = ReproductionMeasures.OverSeeds(Adding("adding-rnn"), spec => [WrongShare(spec)])[0];

        Assert.True(lstm.Mean < 0.02, $"LSTM: {lstm.Mean:P2} ± {lstm.Sd:P2} wrong");
        // Always answering the mean gets about 84 % wrong by this criterion.
        Assert.True(rnn.Mean > 0.5, $"RNN: {rnn.Mean:P2} ± {rnn.Sd:P2} wrong");
    }

    [Fact]
    public void ExplodingRnn_SameSeeds_PlainSgdDivergesOnEachWhereClippedSgdCompletesEach()
    {
        // Pascanu et al. §3.2: with γ·σ_max = 3 > 1 a gradient can explode and one step throws the weights off the cliff;
        // clipping at ‖g‖ = 1 bounds the step. 500 of the presets' 1,000 steps (Figure 7's success rates: bench reproduce).
        static double[] Diverged(RunSpec spec)
        {
            using var trainer = Trainer.Create(spec with { Training = spec.Training with { Steps = 500, EvalEvery = 0 } });
            return [trainer.Run(_ => { }).Outcome == RunOutcome.Diverged ? 1 : 0];
        }

        var plain = ReproductionMeasures.OverSeeds(PresetCatalog.Find("exploding-rnn")!.Spec, Diverged)[0];
        var clipped = ReproductionMeasures.OverSeeds(PresetCatalog.Find("exploding-rnn-clipped")!.Spec, Diverged)[0];

        Assert.Equal(1, plain.Mean);
        Assert.Equal(0, clipped.Mean);
    }
}
