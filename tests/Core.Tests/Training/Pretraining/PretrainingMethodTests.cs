using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Core.Probes;
using GradientService.Core.Training;
using GradientService.Core.Training.Methods;

namespace GradientService.Core.Tests.Training.Pretraining;

/// <summary>Greedy layer-wise pretraining through the trainer: its phases, telemetry, determinism, resume and allocations.</summary>
public class PretrainingMethodTests
{
    private const int PerLayer = 5, Depth = 3;

    public static TheoryData<PretrainingKind, bool> Kinds => new() { { PretrainingKind.Autoencoder, true }, { PretrainingKind.Autoencoder, false }, { PretrainingKind.Rbm, true } };

    internal static RunSpec Spec(PretrainingKind kind, bool tied = true, int perLayer = PerLayer, int fineTuning = 15) => TestSpecs.Mlp(Depth * perLayer + fineTuning) with
    {
        Model = new MlpSpec { Depth = Depth, Width = 8, Activation = ActivationKind.Sigmoid },
        Pretraining = new PretrainingSpec { Kind = kind, StepsPerLayer = perLayer, LearningRate = 0.01, Optimizer = OptimizerKind.Adam, TiedWeights = tied },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Run_ThreeHiddenLayers_RecordsEachLayersPhaseThenFineTuning(PretrainingKind kind, bool tied)
    {
        var phases = new List<double>();
        using var trainer = Trainer.Create(Spec(kind, tied));
        trainer.Run(r => phases.Add(r[StepMetric.Phase]));

        double[] expected = [.. Enumerable.Range(0, 30).Select(s => s < 15 ? s / PerLayer + 1 : 0)];
        Assert.Equal(expected, phases);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PretrainingStep_RecordsTheLayersReconstructionErrorAndTheOthersGradientsAbsent(PretrainingKind kind, bool tied)
    {
        var steps = new List<LayerStats[]>();
        using var trainer = Trainer.Create(Spec(kind, tied));
        trainer.Run(r => steps.Add([.. r.Layers]));

        for (var s = 0; s < 15; s++)
        {
            var layer = s / PerLayer;
            for (var l = 0; l < Depth + 1; l++)
            {
                var stats = steps[s][l];
                var own = l == layer;
                Assert.True(stats.Has(LayerMetric.ReconstructionError) == own, $"step {s + 1}, layer {l + 1}: reconstruction error");
                Assert.True(stats.Has(LayerMetric.WeightGradNorm) == own && stats.Has(LayerMetric.BiasGradNorm) == own
                    && stats.Has(LayerMetric.UpdateRatio) == own, $"step {s + 1}, layer {l + 1}: gradient fields");
                Assert.True(stats.Has(LayerMetric.DeltaNorm) == (own && kind == PretrainingKind.Autoencoder), $"step {s + 1}, layer {l + 1}: ‖δ‖");
                Assert.True(stats.Has(LayerMetric.WeightNorm) && stats.Has(LayerMetric.ActivationStd), $"step {s + 1}, layer {l + 1}: forward probes");
            }
            Assert.True(steps[s][layer].ReconstructionError > 0 && steps[s][layer].WeightGradNorm > 0);
        }
        foreach (var fine in steps.Skip(15))
            for (var l = 0; l < Depth + 1; l++)
            {
                Assert.False(fine[l].Has(LayerMetric.ReconstructionError));
                Assert.True(fine[l].Has(LayerMetric.WeightGradNorm) && fine[l].Has(LayerMetric.DeltaNorm));
            }
    }

    [Fact]
    public void Pretraining_FirstLayer_LowersItsReconstructionError()
    {
        var errors = new List<double>();
        using var trainer = Trainer.Create(Spec(PretrainingKind.Autoencoder, perLayer: 60));
        trainer.Run(r => { if (r.Step <= 60) errors.Add(r.Layers[0].ReconstructionError); });

        Assert.True(errors.TakeLast(10).Average() < 0.5 * errors.Take(10).Average(), $"{errors.Take(10).Average()} → {errors.TakeLast(10).Average()}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Run_OneAndTwoThreads_GiveBitwiseTheSameTelemetry(PretrainingKind kind, bool tied)
    {
        var one = Log(Trainer.Create(Spec(kind, tied), threads: 1));
        var two = Log(Trainer.Create(Spec(kind, tied), threads: 2));

        StepLog.AssertIdentical(one, two);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Resume_AcrossPhaseBoundaries_GivesBitwiseTheSameLaterSteps(PretrainingKind kind, bool tied)
    {
        var whole = Log(Trainer.Create(Spec(kind, tied)));
        foreach (var k in new[] { PerLayer, 12, 15 })
        {
            using var first = Trainer.Create(Spec(kind, tied));
            using var checkpoint = new MemoryStream();
            using (var stop = new CancellationTokenSource())
                first.Run(r => { if (r.Step == k) { first.SaveCheckpoint(checkpoint); stop.Cancel(); } }, stop.Token);
            using var resumed = Trainer.Create(Spec(kind, tied), threads: 2);
            checkpoint.Position = 0;
            resumed.LoadCheckpoint(checkpoint);

            StepLog.AssertIdentical([.. whole.Skip(k)], Log(resumed));
        }
    }

    [Theory]
    [InlineData(PretrainingKind.Autoencoder)]
    [InlineData(PretrainingKind.Rbm)]
    public void Step_SteadyState_AllocatesNothingInEitherPhase(PretrainingKind kind)
    {
        var readings = new List<long>(16);
        using var trainer = Trainer.Create(Spec(kind, perLayer: 40, fineTuning: 80));
        trainer.Run(r =>
        {
            if (r.Step >= 20 && r.Step % 15 == 5) readings.Add(GC.GetAllocatedBytesForCurrentThread());
        });
        var pretraining = readings.Take(5).ToList();
        var fineTuning = readings.Skip(8).ToList();

        Assert.Equal(0, Allocations.Fewest(pretraining));
        Assert.Equal(0, Allocations.Fewest(fineTuning));
    }

    [Fact]
    public void Trainer_PretrainingSpec_ChoosesThePretrainingMethod()
    {
        using var trainer = (Trainer<float>)Trainer.Create(Spec(PretrainingKind.Rbm));

        var method = Assert.IsType<PretrainingMethod<float>>(trainer.Method);
        Assert.Equal(Depth, method.Layers.Count);
    }

    /// <summary>Every step and layer metric, NaN where absent (an absent field holds whatever was written last), and the absent masks.</summary>
    private static List<double[]> Log(Trainer trainer)
    {
        var steps = new List<double[]>();
        using (trainer)
            trainer.Run(r => steps.Add([
                r.Step, r.Absent,
                .. Enum.GetValues<StepMetric>().Select(m => r.Has(m) ? r[m] : double.NaN),
                .. r.Layers.SelectMany(l => Enum.GetValues<LayerMetric>().Select(m => l.Has(m) ? l[m] : double.NaN).Append(l.Absent)),
            ]));
        return steps;
    }
}
