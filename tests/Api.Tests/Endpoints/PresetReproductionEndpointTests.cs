using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Endpoints;

/// <summary>GET /api/presets serves each citing preset's reproduction: the source's figures beside ours.</summary>
public sealed class PresetReproductionEndpointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task GetPreset_Reproducing_ServesEachPublishedFigureBesideOursWithTheSpread()
    {
        var preset = await _client.GetFromJsonAsync<PresetInfo>("/api/presets/mnist-speed-3", Json.Options);

        var reproduction = preset!.Reproduction!;
        Assert.Contains("ch. 5", reproduction.Source, StringComparison.Ordinal);
        Assert.Equal(6, reproduction.Figures.Count);
        Assert.Equal(0.0118, reproduction.Figures[0].Published);
        Assert.All(reproduction.Figures, f => Assert.True(f.Mean > 0 && f.Sd > 0 && f.Seeds >= 5));
    }

    [Fact]
    public async Task ListPresets_EveryCitingPreset_SaysWhatItReproducesOrWhyNot()
    {
        var presets = await _client.GetFromJsonAsync<List<PresetInfo>>("/api/presets", Json.Options);

        var cited = presets!.Where(p => p.Source.Length > 0).ToList();
        Assert.NotEmpty(cited);
        Assert.All(cited, p => Assert.True(p.Reproduction is { } r && (r.Figures.Count > 0 || r.NotReproduced.Length > 0), p.Name));
    }
}
