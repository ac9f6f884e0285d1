using System.Net;
using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Endpoints;

/// <summary>
/// A pretraining run (the pretraining-rbm preset, shortened: 10 hidden layers × 5 steps, then 10 fine-tuning steps) trained
/// by the real engine through the real pipeline: its phase and reconstruction errors come back from the series endpoints,
/// and the frozen layers' gradient fields are absent during pretraining.
/// </summary>
public sealed class PretrainingEndToEndTests(EngineApiFactory factory) : IClassFixture<EngineApiFactory>
{
    private const int PerLayer = 5, Pretraining = 50, Steps = 60;

    [Fact]
    public async Task GetStepSeries_PretrainingRun_PhaseIsEachLayerInTurnThenZero()
    {
        var (id, run) = await Train();
        var client = factory.CreateClient();

        var series = await client.GetFromJsonAsync<SeriesResponse>($"/api/runs/{id}/steps?fields=phase&maxPoints=1000", Json.Options);

        Assert.Equal(RunStatus.Completed, run.Summary.Status);
        var points = Assert.Single(series!.Series).Points;
        Assert.Equal(Enumerable.Range(1, Steps), points.Select(p => p.Step));
        Assert.All(points, p => Assert.Equal(p.Step <= Pretraining ? (p.Step - 1) / PerLayer + 1 : 0, p.Value));
    }

    [Fact]
    public async Task GetLayerSeries_PretrainingRun_ReconstructionErrorWhileItsLayerIsPretrained_GradientsAbsentWhileFrozen()
    {
        var (id, _) = await Train();
        var client = factory.CreateClient();

        var first = await Layer(client, id, 1);
        var third = await Layer(client, id, 3);
        var readout = await Layer(client, id, 11);

        Assert.Equal(Enumerable.Range(1, PerLayer), first["reconstructionError"]);
        Assert.Equal(Enumerable.Range(2 * PerLayer + 1, PerLayer), third["reconstructionError"]);
        Assert.Empty(readout["reconstructionError"]);
        int[] fineTuning = [.. Enumerable.Range(Pretraining + 1, Steps - Pretraining)];
        Assert.Equal([.. Enumerable.Range(1, PerLayer), .. fineTuning], first["weightGradNorm"]);
        Assert.Equal([.. Enumerable.Range(2 * PerLayer + 1, PerLayer), .. fineTuning], third["biasGradNorm"]);
        Assert.Equal(fineTuning, readout["weightGradNorm"]);
        Assert.Equal(Enumerable.Range(1, Steps), readout["weightNorm"]);
    }

    [Fact]
    public async Task GetRun_PretrainingRun_DiagnosisSaysThePretrainingCameFirst()
    {
        var (_, run) = await Train();

        Assert.Contains("pretrained layer by layer first (rbm, 10 hidden layers × 5 steps, steps 1–50)", run.Diagnosis!.Summary);
    }

    /// <summary>The steps at which each field of one layer has a point.</summary>
    private static async Task<Dictionary<string, int[]>> Layer(HttpClient client, Guid id, int layer)
    {
        var series = await client.GetFromJsonAsync<SeriesResponse>(
            $"/api/runs/{id}/layers/{layer}?fields=reconstructionError,weightGradNorm,biasGradNorm,weightNorm&maxPoints=1000", Json.Options);
        Assert.False(series!.Downsampled);
        return series.Series.ToDictionary(s => s.Field, s => s.Points.Select(p => p.Step).ToArray());
    }

    private async Task<(Guid Id, RunDetail Run)> Train()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsync("/api/runs/from-preset/pretraining-rbm", Json.Body(new
        {
            model = new { width = 16 },
            data = new { samples = 400 },
            pretraining = new { stepsPerLayer = PerLayer },
            training = new { steps = Steps, evalEvery = 20 },
        }));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options))!;
        return (created.Id, await RunWaiter.UntilAsync(client, created.Id, r => r.Summary.Status.IsFinal()));
    }
}
