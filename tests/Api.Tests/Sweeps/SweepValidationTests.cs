using System.Net;
using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Sweeps;

/// <summary>A bad sweep is refused whole, every problem named, and nothing of it is queued.</summary>
public sealed class SweepValidationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Submit_UnknownField_Returns400NamingTheAxis()
    {
        var problem = await RefusedAsync(new SweepRequest(null, null, Sweeps.TinyBase(),
            [Sweeps.Axis("model.depth", 2, 3), Sweeps.Axis("model.colour", "red")]));

        Assert.Equal(["axes[1].field"], problem.Errors!.Keys);
    }

    [Fact]
    public async Task Submit_BadValueInOneCell_Returns400NamingCellAndField()
    {
        var problem = await RefusedAsync(new SweepRequest(null, null, Sweeps.TinyBase(),
            [Sweeps.Axis("model.activation", "relu", "tanh"), Sweeps.Axis("model.depth", 2, 0)]));

        // Cells in order (relu, 2), (relu, 0), (tanh, 2), (tanh, 0): the second and fourth have depth 0.
        Assert.Equal(["cells[1].model.depth", "cells[3].model.depth"], problem.Errors!.Keys.Order());
    }

    [Fact]
    public async Task Submit_TooManyCells_Returns400()
    {
        var values = Enumerable.Range(1, 17).Select(i => (System.Text.Json.Nodes.JsonNode)i).ToArray();
        var problem = await RefusedAsync(new SweepRequest(null, null, Sweeps.TinyBase(),
            [Sweeps.Axis("model.depth", values), Sweeps.Axis("model.width", values[..16])]));

        Assert.Contains("272 cells", Assert.Single(problem.Errors!["axes"]));
    }

    [Fact]
    public async Task Submit_NoAxesUnknownPresetAndEmptyValues_Returns400NamingEach()
    {
        var problem = await RefusedAsync(new SweepRequest(null, "no-such-preset", null, []));
        var empty = await RefusedAsync(new SweepRequest(null, null, Sweeps.TinyBase(), [Sweeps.Axis("model.depth")]));

        Assert.Equal(["axes", "preset"], problem.Errors!.Keys.Order());
        Assert.Equal(["axes[0].values"], empty.Errors!.Keys);
    }

    [Fact]
    public async Task Get_UnknownSweep_Returns404()
    {
        var id = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/sweeps/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/sweeps/{id}/matrix")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.PostAsync($"/api/sweeps/{id}/cancel", null)).StatusCode);
    }

    /// <summary>Posts the request, checks the 400, and that no sweep and no run was stored.</summary>
    private async Task<ProblemDocument> RefusedAsync(SweepRequest request)
    {
        var response = await Sweeps.PostAsync(_client, request);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options);
        var sweeps = await _client.GetFromJsonAsync<Page<SweepSummary>>("/api/sweeps", Json.Options);
        var runs = await _client.GetFromJsonAsync<Page<RunSummary>>("/api/runs", Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, sweeps!.Total);
        Assert.Equal(0, runs!.Total);
        return problem!;
    }
}
