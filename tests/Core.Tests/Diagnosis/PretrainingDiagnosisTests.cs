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

    [Fact]
    public void Remedy_VanishingDeepSigmoid_PretrainsHalfTheStepsAsAutoencodersAndIsSuggested()
    {
        var spec = PresetCatalog.Find("deep-sigmoid")!.Spec; // 10 × 64 sigmoid, 2,000 steps
        var remedy = RemedyCatalog.Find(RemedyCatalog.LayerwisePretraining)!;

        var changed = remedy.Change(spec)!;
        var diagnosis = Diagnoser.Diagnose(new DiagnosisInput(spec, 2000, true,
            [new RunEpisode(EpisodeKinds.Vanishing, 7, 1, 2000, 2000, 9.6, 1, false, "")], null, null, null, null));

        Assert.Equal((Contracts.Spec.PretrainingKind.Autoencoder, 100, Contracts.Spec.OptimizerKind.Adam), (changed.Pretraining.Kind, changed.Pretraining.StepsPerLayer, changed.Pretraining.Optimizer));
        Assert.Empty(Core.Spec.SpecValidator.Validate(changed));
        Assert.Null(remedy.Change(changed));
        Assert.Contains(diagnosis.Remedies, r => r.Id == RemedyCatalog.LayerwisePretraining);
    }
}
