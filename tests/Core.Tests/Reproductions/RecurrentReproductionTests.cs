using GradientService.Contracts.Presets;
using GradientService.Contracts.Spec;
using GradientService.Core.Reproductions;

namespace GradientService.Core.Tests.Reproductions;

/// <summary>
/// The recurrent presets' reproductions at CI scale, over seeds 1–5 (the full scale is the bench's <c>reproduce</c>):
/// Hochreiter &amp; Schmidhuber's adding problem (Table 7) at a reduced lag, and Pascanu et al.'s temporal-order setup
/// (Figure 7) at a reduced length and update count.
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
    public void TemporalOrder_ShortLengthFigureSevenSetup_ClippedSgdSolvesItAtLeastAsOftenAsPlainSgd()
    {
        // T = 20 and 3,000 updates (the bench: T = 30 and 20,000; the paper: T ≥ 50 and up to 5 million).
        static double[] Success(RunSpec preset) =>
            [ReproductionMeasures.Misclassified(PascanuTemporalOrder.Spec(preset.Clipping, preset.Training.Seed, length: 20, updates: 3000))
                < PascanuTemporalOrder.SuccessBelow ? 1 : 0];

        var plain = ReproductionMeasures.OverSeeds(PresetCatalog.Find("exploding-rnn")!.Spec, Success)[0];
        var clipped = ReproductionMeasures.OverSeeds(PresetCatalog.Find("exploding-rnn-clipped")!.Spec, Success)[0];

        Assert.True(clipped.Mean >= 0.8, $"MSGD-C solved {clipped.Mean:P0} of the seeds");
        Assert.True(clipped.Mean >= plain.Mean, $"MSGD-C {clipped.Mean:P0}, MSGD {plain.Mean:P0}");
    }
}
