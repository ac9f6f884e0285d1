using GradientService.Contracts.Presets;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Diagnosis;
using GradientService.Core.Theory;

namespace GradientService.Core.Tests.Diagnosis;

/// <summary>The diagnoser on synthetic episodes, probes and theory.</summary>
public class DiagnoserTests
{
    private static readonly RunSpec DeepSigmoid = PresetCatalog.Find("deep-sigmoid")!.Spec;
    private static readonly RunSpec ExplodingRnn = PresetCatalog.Find("exploding-rnn")!.Spec;

    public static TheoryData<string, FindingSeverity, DiagnosisVerdict> Kinds => new()
    {
        { EpisodeKinds.Vanishing, FindingSeverity.Critical, DiagnosisVerdict.Vanishing },
        { EpisodeKinds.Exploding, FindingSeverity.Critical, DiagnosisVerdict.Exploding },
        { EpisodeKinds.RecurrentGain, FindingSeverity.Warning, DiagnosisVerdict.Exploding },
        { EpisodeKinds.NonFinite, FindingSeverity.Critical, DiagnosisVerdict.Diverged },
        { EpisodeKinds.Diverged, FindingSeverity.Critical, DiagnosisVerdict.Diverged },
        { EpisodeKinds.Clipping, FindingSeverity.Info, DiagnosisVerdict.Healthy },
        { EpisodeKinds.Saturation, FindingSeverity.Warning, DiagnosisVerdict.Saturated },
        { EpisodeKinds.DeadUnits, FindingSeverity.Warning, DiagnosisVerdict.DeadUnits },
        { EpisodeKinds.Stalled, FindingSeverity.Warning, DiagnosisVerdict.Stalled },
    };

    [Fact]
    public void Exploding_TwoStepSpikeInAHealthyRun_IsInformationOnly()
    {
        var spikes = new[] { new RunEpisode(EpisodeKinds.Exploding, null, 124, 124, 1, 74, 124, false, ""), new RunEpisode(EpisodeKinds.Exploding, null, 1038, 1038, 1, 70, 1038, false, "") };

        var diagnosis = Diagnoser.Diagnose(Input(DeepSigmoid, 2000, spikes));

        var finding = Assert.Single(diagnosis.Findings);
        Assert.Equal((FindingSeverity.Info, DiagnosisVerdict.Healthy), (finding.Severity, diagnosis.Verdict));
        Assert.StartsWith("Brief gradient spike at steps 124, 1,038", finding.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2000, 3, false)] // three steps of 2,000: longer than a spike
    [InlineData(125, 1, false)] // the spike is the newest step: nothing says training went on
    [InlineData(2000, 1, true)] // ... and then diverged
    public void Exploding_NotAPassingSpike_StaysCritical(int atStep, int steps, bool diverged)
    {
        List<RunEpisode> episodes = [new(EpisodeKinds.Exploding, null, 124, 123 + steps, steps, 74, 124, false, "")];
        if (diverged) episodes.Add(new RunEpisode(EpisodeKinds.Diverged, 1, atStep, atStep, 1, null, atStep, false, "overflow"));

        var diagnosis = Diagnoser.Diagnose(Input(DeepSigmoid, atStep, episodes));

        Assert.Equal(FindingSeverity.Critical, diagnosis.Findings.Single(f => f.Kind == EpisodeKinds.Exploding).Severity);
        Assert.Equal(DiagnosisVerdict.Exploding, diagnosis.Verdict);
    }

    [Fact]
    public void Kinds_CoverEveryEpisodeKind() => Assert.Equal(EpisodeKinds.All.Order(), Kinds.Select(k => (string)k[0]).Order());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Diagnose_OneEpisodeOfAKind_GivesItsFindingAndVerdict(string kind, FindingSeverity severity, DiagnosisVerdict verdict)
    {
        var spec = kind is EpisodeKinds.RecurrentGain or EpisodeKinds.Clipping ? ExplodingRnn : DeepSigmoid;
        var episode = new RunEpisode(kind, 3, 10, 59, 50, 4.5, 20, false, "held");

        var diagnosis = Diagnoser.Diagnose(Input(spec, 100, [episode]));

        var finding = Assert.Single(diagnosis.Findings);
        Assert.Equal(kind, finding.Kind);
        Assert.Equal(severity, finding.Severity);
        Assert.Equal(verdict, diagnosis.Verdict);
        Assert.Equal((10, 59), (finding.FirstStep, finding.LastStep));
        Assert.False(string.IsNullOrWhiteSpace(finding.Title));
        Assert.False(string.IsNullOrWhiteSpace(finding.Cause));
        Assert.Equal(kind == EpisodeKinds.Clipping ? 0.5 : kind == EpisodeKinds.Diverged ? null : 4.5, finding.Value);
    }

    [Theory]
    [InlineData(0.004, "fell by only 0.4%")]
    [InlineData(-9.43, "stopped falling (it rose by up to 943.0%)")]
    public void Diagnose_StalledEpisode_SaysWhetherTheLossFellLittleOrRose(double peak, string expected)
    {
        var diagnosis = Diagnoser.Diagnose(Input(DeepSigmoid, 2000, [new RunEpisode(EpisodeKinds.Stalled, null, 500, 800, 300, peak, 600, false, "")]));

        Assert.Contains(expected, diagnosis.Findings[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_VanishingEpisode_SaysFromWhichLayerAndHowManyDecades()
    {
        var diagnosis = Diagnoser.Diagnose(Input(DeepSigmoid, 2000, [new RunEpisode(EpisodeKinds.Vanishing, 7, 1, 2000, 2000, 9.6, 1, false, "")]));

        var finding = diagnosis.Findings[0];
        Assert.Equal("Vanishing gradient from layer 7 down", finding.Title);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], finding.Layers);
        Assert.Contains("9.6 decades", finding.Detail);
        Assert.Contains("at most 1/4", finding.Cause);
        Assert.Contains("σ_w² = fan_in·Var(W) = 0.333", finding.Cause);
        Assert.StartsWith("Vanishing gradient from layer 7 down.", diagnosis.Summary);
    }

    [Fact]
    public void Diagnose_NoEpisodes_IsHealthyWithoutRemedies()
    {
        var diagnosis = Diagnoser.Diagnose(Input(PresetCatalog.Find("deep-relu-he")!.Spec, 2000, [], final: true));

        Assert.Equal(DiagnosisVerdict.Healthy, diagnosis.Verdict);
        Assert.Empty(diagnosis.Findings);
        Assert.Empty(diagnosis.Remedies);
        Assert.StartsWith("Healthy", diagnosis.Summary);
        Assert.True(diagnosis.Final);
    }

    [Fact]
    public void Diagnose_OnlyClipping_IsHealthyWithTheInfoFinding()
    {
        var diagnosis = Diagnoser.Diagnose(Input(ExplodingRnn, 1000, [new RunEpisode(EpisodeKinds.Clipping, null, 1, 300, 250, 0.1, 5, false, "")]));

        Assert.Equal(DiagnosisVerdict.Healthy, diagnosis.Verdict);
        Assert.Equal("Clipping active 25.0% of steps", Assert.Single(diagnosis.Findings).Title);
    }

    [Fact]
    public void Findings_SeveralKinds_WorstFirst()
    {
        var diagnosis = Diagnoser.Diagnose(Input(DeepSigmoid, 100,
        [
            new RunEpisode(EpisodeKinds.Clipping, null, 1, 5, 5, 0.5, 2, false, ""),
            new RunEpisode(EpisodeKinds.Saturation, 4, 1, 50, 50, 0.6, 2, false, ""),
            new RunEpisode(EpisodeKinds.Vanishing, 5, 1, 100, 100, 8, 2, true, ""),
        ]));

        Assert.Equal([EpisodeKinds.Vanishing, EpisodeKinds.Saturation, EpisodeKinds.Clipping], diagnosis.Findings.Select(f => f.Kind));
        Assert.Equal(DiagnosisVerdict.Vanishing, diagnosis.Verdict);
    }

    [Fact]
    public void Findings_ManyEpisodesOfOneKind_OneFindingOverAllOfThem()
    {
        var episodes = Enumerable.Range(0, 7).Select(i => new RunEpisode(EpisodeKinds.Exploding, null, 100 * i + 1, 100 * i + 10, 10, i + 1.0, 100 * i + 5, false, "")).ToList();

        var finding = Assert.Single(Diagnoser.Diagnose(Input(ExplodingRnn, 1000, episodes)).Findings);

        Assert.Equal((1, 610), (finding.FirstStep, finding.LastStep));
        Assert.Equal(7.0, finding.Value);
        Assert.Contains("and 3 more episodes", finding.Title);
    }

    [Fact]
    public void Remedies_VanishingSigmoid_ReluHeFirstThenBatchNormAndResidual()
    {
        var diagnosis = Diagnoser.Diagnose(Input(DeepSigmoid, 100, [new RunEpisode(EpisodeKinds.Vanishing, 9, 1, 100, 100, 10, 1, true, "")]));

        Assert.Equal([RemedyCatalog.ReluHe, RemedyCatalog.BatchNorm, RemedyCatalog.Residual, RemedyCatalog.LayerNorm],
            diagnosis.Remedies.Take(4).Select(r => r.Id));
        Assert.DoesNotContain(diagnosis.Remedies, r => r.Id is RemedyCatalog.Lstm or RemedyCatalog.Clip);
        Assert.Contains("First remedy to try: ReLU with He init.", diagnosis.Summary);
    }

    [Fact]
    public void Remedies_ExplodingRnn_ClippingFirstThenOrthogonalThenLstm()
    {
        var diagnosis = Diagnoser.Diagnose(Input(ExplodingRnn, 100, [new RunEpisode(EpisodeKinds.Exploding, null, 5, 9, 5, 1e4, 7, false, "")]));

        Assert.Equal([RemedyCatalog.Clip, RemedyCatalog.Orthogonal, RemedyCatalog.Lstm, RemedyCatalog.Gru, RemedyCatalog.SmallerLearningRate],
            diagnosis.Remedies.Take(5).Select(r => r.Id));
        Assert.DoesNotContain(diagnosis.Remedies, r => r.Id == RemedyCatalog.ReluHe);
    }

    [Fact]
    public void Summary_ExplodingRnn_TitleTheWholeConditionAndTheFirstRemedy()
    {
        var diagnosis = Diagnoser.Diagnose(Input(ExplodingRnn, 100, [new RunEpisode(EpisodeKinds.Exploding, null, 5, 9, 5, 1e4, 7, false, "")],
            recurrent: new RecurrentMeasurement(3, null)));

        Assert.Equal("Exploding gradient at steps 5–9. Likely cause: σ_max = 3 ≥ 1/γ = 1 (γ·σ_max = 3 ≥ 1): the necessary condition for "
            + "exploding gradients over time holds; whether they explode depends on how often units sit in φ's steep part (Pascanu et al. 2013). "
            + "First remedy to try: Gradient clipping.", diagnosis.Summary);
    }

    [Fact]
    public void Cause_DivergingRnnWhoseSigmaMaxGrew_NamesTheInitsSigmaMaxToo()
    {
        var diagnosis = Diagnoser.Diagnose(Input(ExplodingRnn, 83, [new RunEpisode(EpisodeKinds.Exploding, null, 11, 82, 72, 8e25, 70, false, "")],
            recurrent: new RecurrentMeasurement(3.98e24, null, InitialSigmaMax: 3)));

        Assert.Contains("At the first measured step σ_max was 3 (γ·σ_max = 3); training moved it to 3.98E+24.", diagnosis.Findings[0].Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Remedies_ClippedRnn_DoesNotSuggestClippingAgain()
    {
        var clipped = PresetCatalog.Find("exploding-rnn-clipped")!.Spec;
        var diagnosis = Diagnoser.Diagnose(Input(clipped, 100, [new RunEpisode(EpisodeKinds.Exploding, null, 5, 9, 5, 1e4, 7, false, "")]));

        Assert.Equal(RemedyCatalog.Orthogonal, diagnosis.Remedies[0].Id);
    }

    [Fact]
    public void Depth_MeasuredProfile_GeometricMeanFactorAndDecades()
    {
        // Four hidden layers and the read-out: δ falls by 10 per layer towards the input; ‖∂L/∂W‖ by 5 decades first to last.
        double?[] delta = [1e-3, 1e-2, 1e-1, 1, 7];
        double?[] grad = [1e-5, 1e-3, 1e-1, 1, 3];

        var depth = Diagnoser.Depth(Input(DeepSigmoid with { Model = new MlpSpec { Depth = 4, Width = 64, Activation = ActivationKind.Sigmoid } }, 10, [], delta, grad));

        Assert.Equal(0.1, depth.MeasuredFactor!.Value, 1e-12);
        Assert.Equal(-5, depth.MeasuredDecades!.Value, 1e-12);
    }

    [Fact]
    public void Depth_Theory_PredictedFiguresAreTheExpectedProfiles()
    {
        var spec = DeepSigmoid;
        var theory = Theory(spec);

        var depth = Diagnoser.Depth(Input(spec, 1, [], theory: theory));

        Assert.Equal(theory.Layers[0].ExpectedLog10WeightGradRatio, depth.PredictedDecades);
        Assert.Equal(Math.Pow(10, theory.Layers[0].ExpectedLog10DeltaRatio / (theory.Depth - 1)), depth.PredictedFactor!.Value, 1e-12);
        Assert.Equal(TheoryPhase.Ordered, depth.Phase);
        Assert.Equal(theory.GradientDepthScale, depth.GradientDepthScale);
        Assert.Null(depth.MeasuredFactor);
    }

    [Theory]
    [InlineData("deep-tanh-residual", "residual")]
    [InlineData("deep-sigmoid-batchnorm", "batch-norm")]
    public void Depth_TheoryNotApplicable_PassesTheCaveatAndNoPrediction(string preset, string caveat)
    {
        var spec = PresetCatalog.Find(preset)!.Spec;

        var depth = Diagnoser.Depth(Input(spec, 1, [], theory: Theory(spec)));

        Assert.Contains(depth.Caveats, c => c.Code == caveat);
        Assert.Null(depth.PredictedFactor);
        Assert.Null(depth.PredictedDecades);
        Assert.Null(depth.Phase);
    }

    [Fact]
    public void Recurrent_ExplodingRnn_BoundFactorAboveOneAndDecadesPerStep()
    {
        // The time-lag profile grows by 10 per step back over 4 steps: ‖∂L/∂h_1‖ = 10³·‖∂L/∂h_4‖.
        var diagnosis = Diagnoser.Diagnose(Input(ExplodingRnn, 10, [], recurrent: new RecurrentMeasurement(3, [1000, 100, 10, 1])));

        var recurrent = diagnosis.Recurrent!;
        Assert.Null(diagnosis.Depth);
        Assert.Equal(1.0, recurrent.Gamma);
        Assert.Equal(3.0, recurrent.BoundFactor);
        Assert.Equal(1.0, recurrent.MeasuredDecadesPerStep!.Value, 1e-12);
        Assert.Contains("necessary condition for exploding", recurrent.Condition);
    }

    [Fact]
    public void Recurrent_ProfileUnderflowedFarBack_DecadesFromTheEarliestPositiveNorm()
    {
        var recurrent = Diagnoser.Recurrent((RnnSpec)ExplodingRnn.Model, new RecurrentMeasurement(0.5, [0, 0, 1e-2, 1e-1, 1]));

        Assert.Equal(-1.0, recurrent.MeasuredDecadesPerStep!.Value, 1e-12);
        Assert.Equal(0.5, recurrent.BoundFactor);
    }

    private static TheoryReport Theory(RunSpec spec)
    {
        var (query, caveats) = SpecTheory.For(spec, 2, 1);
        return MeanField.Analyze(query, caveats);
    }

    private static DiagnosisInput Input(RunSpec spec, int atStep, IReadOnlyList<RunEpisode> episodes, double?[]? delta = null, double?[]? grad = null,
        TheoryReport? theory = null, RecurrentMeasurement? recurrent = null, bool final = false) =>
        new(spec, atStep, final, episodes, delta, grad, theory, recurrent);
}
