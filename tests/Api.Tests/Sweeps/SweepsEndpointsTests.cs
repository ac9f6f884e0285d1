using System.Net;
using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Sweeps;

/// <summary>Sweeps trained by the real engine over the real HTTP pipeline and SQLite file.</summary>
public sealed class SweepsEndpointsTests(EngineApiFactory factory) : IClassFixture<EngineApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Submit_TwelveCells_CreatesTwelveRunsAndMatrixReturnsTwelveCells()
    {
        var request = new SweepRequest("grid", null, Sweeps.TinyBase(),
        [
            Sweeps.Axis("model.activation", "relu", "tanh", "sigmoid"),
            Sweeps.Axis("init.scheme", "he-normal", "xavier-normal"),
            Sweeps.Axis("model.depth", 3, 4),
        ]);

        var response = await Sweeps.PostAsync(_client, request);
        var created = (await response.Content.ReadFromJsonAsync<SweepSummary>(Json.Options))!;
        var finished = await Sweeps.FinishedAsync(_client, created.Id);
        var runs = await _client.GetFromJsonAsync<Page<RunSummary>>($"/api/runs?sweep={created.Id}&pageSize=50", Json.Options);
        var matrix = await _client.GetFromJsonAsync<SweepMatrix>($"/api/sweeps/{created.Id}/matrix", Json.Options);
        var detail = await _client.GetFromJsonAsync<RunDetail>($"/api/runs/{runs!.Items[0].Id}", Json.Options);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/sweeps/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(12, created.Cells);
        Assert.Equal(12, finished.Completed);
        Assert.Equal(12, runs.Total);
        Assert.Contains(runs.Items, r => r.Name == "grid · activation=tanh, scheme=xavier-normal, depth=4");
        Assert.Equal(created.Id, detail!.SweepId);
        Assert.Equal(12, matrix!.Cells.Count);
        Assert.Equal(12, matrix.Cells.Select(c => string.Join(",", c.Index)).Distinct().Count());
        Assert.Equal(runs.Items.Select(r => r.Id).Order(), matrix.Cells.Select(c => c.RunId).Order());
        Assert.All(matrix.Cells, c => Assert.Equal(RunStatus.Completed, c.Status));
        Assert.All(matrix.Cells, c => Assert.NotNull(c.FinalAccuracy));
        Assert.All(matrix.Cells, c => Assert.True(c.MeasuredChi > 0, $"cell {string.Join(",", c.Index)}: measured χ {c.MeasuredChi}"));
        Assert.All(matrix.Cells, c => Assert.True(c.PredictedChi > 0));
        // relu with he-normal (σ_w² = 2): χ₁ = σ_w²/2 = 1 exactly.
        Assert.Equal(1.0, matrix.Cells.First(c => c.Index[0] == 0 && c.Index[1] == 0).PredictedChi!.Value, 12);
        Assert.Null(matrix.Phase);
    }

    [Fact]
    public async Task Matrix_WeightByBiasVarianceGrid_CarriesPhaseDiagram()
    {
        var basis = Sweeps.TinyBase(steps: 2);
        basis["init"] = new System.Text.Json.Nodes.JsonObject { ["scheme"] = "scaled-normal" };
        var sweep = await Sweeps.SubmitAsync(_client, new SweepRequest(null, null, basis,
            [Sweeps.Axis("init.weightVariance", 1, 3), Sweeps.Axis("init.biasVariance", 0, 0.1)]));

        var matrix = await _client.GetFromJsonAsync<SweepMatrix>($"/api/sweeps/{sweep.Id}/matrix", Json.Options);

        var phase = matrix!.Phase!;
        Assert.Equal((0, 1), (phase.WeightVarianceAxis, phase.BiasVarianceAxis));
        Assert.Equal(("relu", 3), (phase.Activation, phase.Depth));
        Assert.Equal([1.0, 3.0], phase.GridWeightVariances);
        Assert.Equal([0.0, 0.1], phase.GridBiasVariances);
        Assert.All(phase.CriticalLine, p => Assert.Equal(2.0, p.WeightVariance, 1e-6)); // relu: χ₁ = σ_w²/2
        Assert.Equal([0.0, 0.1], phase.CriticalLine.Select(p => p.BiasVariance));
        Assert.Equal(6 / -Math.Log(0.5), phase.TrainableDepth[0][0]!.Value, 9); // ordered: 6·ξ_c = 6/(−ln χ₁)
        // The cells' χ₁ follow σ_w²: 0.5 in the ordered half, 1.5 in the chaotic one.
        Assert.All(matrix.Cells, c => Assert.Equal(c.Index[0] == 0 ? 0.5 : 1.5, c.PredictedChi!.Value, 12));
    }

    [Fact]
    public async Task Submit_ArchitectureAxis_CellsKeepTheFieldsTheArchitecturesShare()
    {
        var basis = Sweeps.TinyBase(steps: 2);
        basis["model"]!["depth"] = 4;

        var sweep = await Sweeps.SubmitAsync(_client, new SweepRequest(null, null, basis, [Sweeps.Axis("model.architecture", "mlp", "residual-mlp")]));
        var runs = await _client.GetFromJsonAsync<Page<RunSummary>>($"/api/runs?sweep={sweep.Id}&sort=name", Json.Options);
        var residual = await _client.GetFromJsonAsync<RunDetail>($"/api/runs/{runs!.Items[1].Id}", Json.Options);

        Assert.Equal(["architecture=mlp", "architecture=residual-mlp"], runs.Items.Select(r => r.Name));
        Assert.Equal(Contracts.Spec.Architecture.ResidualMlp, residual!.Spec.Model.Architecture);
        Assert.Equal(4, residual.Spec.Model.Depth);
    }
}
