using GradientService.Contracts.Presets;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;

namespace GradientService.Core.Tests.Detection;

/// <summary>A pretraining run is diagnosed over its fine-tuning: the detectors see none of its pretraining steps.</summary>
public class PretrainingDetectionTests
{
    [Fact]
    public void PretrainedDeepSigmoid_EpisodesStartWithFineTuning_VanishingFromItsFirstStep()
    {
        var preset = PresetCatalog.Find("pretraining-autoencoder")!.Spec; // the catalog holds it (PresetCatalogTests)
        var spec = preset with
        {
            Model = preset.Model with { Width = 16 },
            Pretraining = preset.Pretraining with { StepsPerLayer = 10 },
            Training = preset.Training with { Steps = 300 },
        };

        var (_, episodes, _) = DetectorRuns.Train(spec);

        Assert.All(episodes, e => Assert.True(e.FirstStep > 100, $"{e.Kind} from step {e.FirstStep}"));
        Assert.Contains(episodes, e => e.Kind == EpisodeKinds.Vanishing && e.FirstStep == 101);
    }
}
