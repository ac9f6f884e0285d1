using GradientService.Contracts.Presets;
using GradientService.Contracts.Wire;
using GradientService.Core.Diagnosis;

namespace GradientService.Core.Tests.Diagnosis;

/// <summary>The diagnosis of a pretraining run says what the pretraining did and covers the fine-tuning.</summary>
public class PretrainingDiagnosisTests
{
    private static readonly Contracts.Spec.RunSpec Pretrained = PresetCatalog.Find("pretraining-autoencoder")!.Spec; // in the catalog (PresetCatalogTests)

    [Fact]
    public void FirstTrainingStep_PretrainingRun_IsTheFirstFineTuningStep()
    {
        Assert.Equal(2001, Diagnoser.FirstTrainingStep(Pretrained));
        Assert.Equal(1, Diagnoser.FirstTrainingStep(PresetCatalog.Find("pretraining-none")!.Spec));
    }

    [Fact]
    public void Summary_DuringPretraining_NamesTheLayerAndWhereTheDiagnosisStarts()
    {
        var diagnosis = Diagnoser.Diagnose(new DiagnosisInput(Pretrained, 1000, false, [], null, null, null, null));

        Assert.Equal(DiagnosisVerdict.Healthy, diagnosis.Verdict);
        Assert.Contains("pretraining (autoencoder, 10 hidden layers × 200 steps) is at layer 5", diagnosis.Summary);
        Assert.Contains("fine-tuning at step 2,001", diagnosis.Summary);
    }

    [Fact]
    public void Summary_AfterAVanishingFineTuning_SaysThePretrainingCameFirst()
    {
        var episode = new RunEpisode(EpisodeKinds.Vanishing, 4, 2001, 4000, 2000, 5, 2001, false, "");
        var diagnosis = Diagnoser.Diagnose(new DiagnosisInput(Pretrained, 4000, true, [episode], null, null, null, null));

        Assert.Equal(DiagnosisVerdict.Vanishing, diagnosis.Verdict);
        Assert.EndsWith("The net was pretrained layer by layer first (autoencoder, 10 hidden layers × 200 steps, steps 1–2,000); the diagnosis covers the fine-tuning from step 2,001.", diagnosis.Summary);
    }
}
