using System.Net;
using System.Net.Http.Json;
using GradientService.Api.Diagnosis;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Presets;
using GradientService.Contracts.Wire;
using GradientService.Core.Diagnosis;
using GradientService.Core.Theory;

namespace GradientService.Api.Tests.Endpoints;

/// <summary>
/// Diagnoses of presets trained by the real engine through the real pipeline (shortened by a merge body): the verdicts
/// come from the detectors' episodes, the depth and recurrent parts from the recorded probes and the theory.
/// </summary>
public sealed class DiagnosisEndToEndTests(EngineApiFactory factory) : IClassFixture<EngineApiFactory>
{
    private const int Steps = 300;

    [Fact]
    public async Task GetRun_DeepSigmoid_DepthMeasuredBesidePredicted()
    {
        var (_, run) = await Train("deep-sigmoid");

        var depth = run.Diagnosis!.Depth!;
        Assert.Equal(Steps, run.Diagnosis.AtStep);
        Assert.True(run.Diagnosis.Final);
        Assert.Equal(TheoryPhase.Ordered, depth.Phase);
        // Two moons has 2 features: no expected ‖∂L/∂W‖ over a batch (pairs of examples do not share one correlation), and the report says so.
        Assert.Null(depth.PredictedDecades);
        Assert.Contains(depth.Caveats, c => c.Code == "few-input-features");
        Assert.True(depth.MeasuredDecades < -3, $"measured {depth.MeasuredDecades}");
        Assert.InRange(depth.PredictedFactor!.Value, 0.05, 0.5);
        Assert.InRange(depth.MeasuredFactor!.Value, 0.05, 0.5);
        Assert.Null(run.Diagnosis.Recurrent);
    }

    /// <summary>Needs the detectors' episodes (branch detect).</summary>
    [Fact]
    public async Task GetRun_DeepSigmoid_VanishingVerdictWithReluHeFirst()
    {
        var (_, run) = await Train("deep-sigmoid");

        var diagnosis = run.Diagnosis!;
        Assert.Equal(DiagnosisVerdict.Vanishing, diagnosis.Verdict);
        var finding = diagnosis.Findings[0];
        Assert.Equal(EpisodeKinds.Vanishing, finding.Kind);
        Assert.True(finding.Value > 3, $"{finding.Value} decades");
        Assert.Equal(RemedyCatalog.ReluHe, diagnosis.Remedies[0].Id);
    }

    [Fact]
    public async Task GetRun_ExplodingRnn_RecurrentBoundAboveOne()
    {
        var (_, run) = await Train("exploding-rnn");

        var recurrent = run.Diagnosis!.Recurrent!;
        Assert.Null(run.Diagnosis.Depth);
        Assert.Equal(1.0, recurrent.Gamma);
        Assert.True(recurrent.BoundFactor > 1, $"γ·σ_max = {recurrent.BoundFactor}");
        Assert.Contains("necessary condition for exploding", recurrent.Condition);
    }

    [Fact]
    public async Task GetRun_AddingRnn_TimeLagProfileDecaysPerStep()
    {
        var (_, run) = await Train("adding-rnn", samples: 4000);

        var recurrent = run.Diagnosis!.Recurrent!;
        Assert.True(recurrent.MeasuredDecadesPerStep < 0, $"{recurrent.MeasuredDecadesPerStep} decades per step");
        Assert.Equal(recurrent.Gamma * recurrent.SigmaMax, recurrent.BoundFactor, 1e-12);
    }

    /// <summary>Needs the detectors' episodes (branch detect).</summary>
    [Fact]
    public async Task GetRun_ExplodingRnn_ExplodingVerdictWithClippingFirst()
    {
        var (_, run) = await Train("exploding-rnn");

        Assert.Equal(DiagnosisVerdict.Exploding, run.Diagnosis!.Verdict);
        Assert.Equal(RemedyCatalog.Clip, run.Diagnosis.Remedies[0].Id);
    }

    [Fact]
    public async Task GetRun_DeepReluHe_Healthy()
    {
        var (_, run) = await Train("deep-relu-he");

        Assert.Equal(DiagnosisVerdict.Healthy, run.Diagnosis!.Verdict);
        Assert.Empty(run.Diagnosis.Remedies);
        Assert.StartsWith("Healthy", run.Diagnosis.Summary);
        Assert.Equal(TheoryPhase.Edge, run.Diagnosis.Depth!.Phase);
    }

    [Fact]
    public async Task GetTheory_DeepSigmoid_TheRunsSpecWithTheMeasuredInputMoment()
    {
        var (id, run) = await Train("deep-sigmoid");
        var client = factory.CreateClient();

        var report = await client.GetFromJsonAsync<TheoryReport>($"/api/runs/{id}/theory", Json.Options);

        var (query, _) = SpecTheory.For(run.Spec);
        Assert.Equal(10, report!.Depth);
        Assert.Equal(64, report.Width);
        Assert.Equal(query.InputSecondMoment, report.InputSecondMoment);
        Assert.Equal(1.0 / 3, report.WeightVariance, 1e-12);
        Assert.Equal(report.Layers[0].ExpectedLog10WeightGradRatio, run.Diagnosis!.Depth!.PredictedDecades);
    }

    [Fact]
    public async Task GetTheory_RecurrentRun_Returns422PointingToTheTimeLagBound()
    {
        var (id, _) = await Train("exploding-rnn");

        var response = await factory.CreateClient().GetAsync($"/api/runs/{id}/theory");
        var problem = await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("time-lag", problem!.Detail);
    }

    [Fact]
    public async Task GetTheory_UnknownRun_Returns404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/api/runs/{Guid.NewGuid()}/theory")).StatusCode);

    [Fact]
    public async Task GetTimeLag_ExplodingRnn_BoundIsTheTheoryModulesProfile()
    {
        var (id, _) = await Train("exploding-rnn");

        var lags = await factory.CreateClient().GetFromJsonAsync<TimeLagProfiles>($"/api/runs/{id}/time-lag?layer=1&maxProfiles=5", Json.Options);

        Assert.NotEmpty(lags!.Profiles);
        Assert.All(lags.Profiles, p => Assert.Equal(RecurrentBound.Profile([.. p.Norms], p.BoundFactor), p.Bound!));
    }

    /// <param name="samples">Fewer examples than the preset's (the adding presets hold 2,560 test sequences, Hochreiter &amp; Schmidhuber's test set, whose evaluations cost more than this test needs).</param>
    private async Task<(Guid Id, RunDetail Run)> Train(string preset, int? samples = null)
    {
        Assert.NotNull(PresetCatalog.Find(preset));
        var client = factory.CreateClient();
        object patch = samples is { } n
            ? new { training = new { steps = Steps, evalEvery = 100 }, data = new { samples = n } }
            : new { training = new { steps = Steps, evalEvery = 100 } };
        var response = await client.PostAsync($"/api/runs/from-preset/{preset}", Json.Body(patch));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options))!;
        var run = await RunWaiter.UntilAsync(client, created.Id, r => r.Summary.Status.IsFinal()
            && r.Diagnosis?.Depth?.Caveats.Any(c => c.Code == RunTheories.Pending.Code) != true);
        return (created.Id, run);
    }
}
