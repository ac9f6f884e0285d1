using System.Net;
using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;
using GradientService.Contracts.Presets;
using GradientService.Contracts.Spec;

namespace GradientService.Api.Tests.Endpoints;

/// <summary>Every preset trained by the real engine through the real pipeline, shortened to a few steps by an override.</summary>
public sealed class PresetsEndToEndTests(EngineApiFactory factory) : IClassFixture<EngineApiFactory>
{
    public static TheoryData<string> Names => [.. PresetCatalog.All.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Preset_ShortenedToFourSteps_CompletesWithEveryStepAndLayerRecorded(string name)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsync($"/api/runs/from-preset/{name}", Json.Body(new { training = new { steps = 4, evalEvery = 2 } }));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options);

        var run = await RunWaiter.FinishedAsync(client, created!.Id);
        var profile = await client.GetFromJsonAsync<DepthProfile>($"/api/runs/{created.Id}/depth-profile?fields=weightGradNorm", Json.Options);

        Assert.True(run.Summary.Status == RunStatus.Completed, $"{name}: {run.Summary.Status} {run.Reason}");
        Assert.Equal(4, run.Summary.StepsDone);
        Assert.Equal(run.Layers.Count, profile!.Layers.Count);
        // While one layer is pretrained the frozen layers have no gradient: absent, never NaN or negative.
        var pretrains = PresetCatalog.Find(name)!.Spec.Pretraining.Kind != PretrainingKind.None;
        Assert.All(profile.Layers, l => Assert.True(l.Values[0] is { } v ? double.IsFinite(v) && v >= 0 : pretrains));
    }
}
