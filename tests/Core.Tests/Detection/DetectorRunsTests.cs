using GradientService.Contracts.Presets;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Detection;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Detection;

/// <summary>Real small nets trained through the engine: each detector fires on a run built to trigger it, and none on a healthy ReLU/He run.</summary>
public class DetectorRunsTests
{
    private static RunSpec Healthy(int steps) => new()
    {
        Model = new MlpSpec { Depth = 4, Width = 32, Activation = ActivationKind.Relu },
        Init = new InitSpec { Scheme = InitScheme.HeNormal },
        Data = new DataSpec { Kind = DatasetKind.Moons, Samples = 1000, Noise = 0.1 },
        Optimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = 3e-3 },
        Training = new TrainingSpec { BatchSize = 32, Steps = steps, EvalEvery = 200, Seed = 1 },
    };

    private static RunSpec Preset(string name, int steps)
    {
        var spec = PresetCatalog.Find(name)!.Spec; // the catalog holds these names (PresetCatalogTests)
        return spec with { Training = spec.Training with { Steps = steps } };
    }

    private static List<EpisodeState> Episodes(RunSpec spec, string kind) => [.. DetectorRuns.Train(spec).Episodes.Where(e => e.Kind == kind)];

    [Fact]
    public void HealthyReluHeRun_2000Steps_HasNoEpisodesAndNoEvents()
    {
        var (events, episodes, result) = DetectorRuns.Train(Healthy(2000));

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.Empty(episodes);
        Assert.Empty(events);
    }

    [Fact]
    public void DeepSigmoidStandardInit_VanishesFromTheFirstStepByManyDecades()
    {
        var e = Assert.Single(Episodes(Preset("deep-sigmoid", 300), EpisodeKinds.Vanishing));

        Assert.Equal((1, 300, 300, false), (e.FirstStep, e.LastStep, e.Steps, e.Open));
        Assert.InRange(e.Layer, 5, 10);
        Assert.InRange(e.Peak, 6, 20);
    }

    [Fact]
    public void TanhWithLargeNormalInit_SaturatesItsHiddenLayers()
    {
        var spec = Healthy(100) with
        {
            Model = new MlpSpec { Depth = 3, Width = 64, Activation = ActivationKind.Tanh },
            Init = new InitSpec { Scheme = InitScheme.Normal, Std = 1 },
        };

        var saturated = Episodes(spec, EpisodeKinds.Saturation);

        Assert.Contains(saturated, e => e.Track == 2 && e.Layer == 2 && e.Peak > 0.5 && e.Steps >= new DetectionSpec().Patience);
        Assert.All(saturated, e => Assert.InRange(e.Track, 1, 3));
    }

    [Fact]
    public void ExplodingRnnPreset_ExplodesAndItsRecurrentGainIsAboveOne()
    {
        var (_, episodes, result) = DetectorRuns.Train(Preset("exploding-rnn", 200));

        Assert.Equal(RunOutcome.Diverged, result.Outcome);
        Assert.Contains(episodes, e => e.Kind == EpisodeKinds.Exploding && e.Peak > 1e6);
        var gain = Assert.Single(episodes, e => e.Kind == EpisodeKinds.RecurrentGain);
        Assert.Equal((1, 1, 1), (gain.Track, gain.Layer, gain.FirstStep));
        Assert.True(gain.Peak >= 3, $"γ·σ_max starts at 3; peak {gain.Peak}");
    }

    [Fact]
    public void HugeLearningRate_EndsWithNonFiniteAndOneStepDivergedEpisodes()
    {
        var spec = Healthy(200) with
        {
            Model = new MlpSpec { Depth = 6, Width = 32, Activation = ActivationKind.Relu },
            Optimizer = new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = 1e3 },
            Training = Healthy(200).Training with { Loss = LossKind.Mse },
        };

        var (_, episodes, result) = DetectorRuns.Train(spec);

        var step = result.Divergence!.Step; // a diverged run names its step
        var diverged = Assert.Single(episodes, e => e.Kind == EpisodeKinds.Diverged);
        Assert.Equal((step, step, 1, result.Divergence.Layer, false), (diverged.FirstStep, diverged.LastStep, diverged.Steps, diverged.Layer, diverged.Open));
        var nonFinite = Assert.Single(episodes, e => e.Kind == EpisodeKinds.NonFinite);
        Assert.Equal((step, false), (nonFinite.LastStep, nonFinite.Open));
    }

    [Fact]
    public void LowClippingThreshold_AggregatesClippedStepsIntoEpisodes()
    {
        var (events, episodes, _) = DetectorRuns.Train(TestSpecs.Mlp(60));

        var clipping = episodes.Where(e => e.Kind == EpisodeKinds.Clipping).ToList();
        Assert.NotEmpty(clipping);
        Assert.Equal(events.Count(e => e.Kind == RunEventKinds.Clipping), clipping.Sum(e => e.Steps));
        Assert.All(clipping, e => Assert.InRange(e.Peak, 0, 1));
        Assert.All(clipping, e => Assert.Equal(e.LastStep - e.FirstStep + 1, e.Steps));
    }

    [Fact]
    public void ReluWithStronglyNegativeBias_HasDeadUnitsInEveryHiddenLayer()
    {
        var spec = Healthy(100) with { Init = new InitSpec { Scheme = InitScheme.HeNormal, Bias = -3 } };

        var dead = Episodes(spec, EpisodeKinds.DeadUnits);

        Assert.Equal([1, 2, 3, 4], dead.Select(e => e.Track).Order());
        Assert.All(dead, e => Assert.True(e.Peak > 0.7));
    }

    [Fact]
    public void TinyLearningRate_StallsWhileTheGradientIsNotZero()
    {
        var spec = Healthy(800) with { Optimizer = new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = 1e-7 } };

        var stalled = Episodes(spec, EpisodeKinds.Stalled);

        var e = Assert.Single(stalled);
        Assert.Equal((0, 0), (e.Track, e.Layer));
        Assert.Equal(800, e.LastStep);
        Assert.True(e.Peak < new DetectionSpec().StalledTolerance);
    }
}
