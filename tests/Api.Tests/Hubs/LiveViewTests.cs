using System.Net.Http.Json;
using System.Runtime.InteropServices;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.SignalR;

namespace GradientService.Api.Tests.Hubs;

/// <summary>
/// A subscription that negotiates a live view gets digests beside a plain subscriber of the same run, over real SignalR
/// connections: the plain one still gets every step once, the digests keep every spike, column maximum and event.
/// </summary>
public sealed class LiveViewTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const int Steps = 400;
    private static readonly LiveView View = new(UpdatesPerSecond: 5, Columns: 16); // 400 steps: columns of 32 steps at the end

    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>A plain (JSON, every step) and a negotiating (MessagePack, the dashboard's protocol) client watch one run from its start to its end.</summary>
    private async Task<(HubClient Plain, HubClient Viewer)> WatchAsync()
    {
        var gate = factory.Trainers.Arm(2);
        // Clipped at every step: an event per step, each of which the digests must carry.
        var spec = Json.TinySpec(steps: Steps, name: "viewed") with { Clipping = new ClippingSpec { Mode = ClippingMode.GlobalNorm, Threshold = 1e-6 } };
        var response = await _client.PostAsync("/api/runs", Json.Body(spec));
        var id = (await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options))!.Id;
        await gate.Held;
        var plain = new HubClient(factory);
        var viewer = new HubClient(factory, "messagepack");
        await plain.StartAsync();
        await viewer.StartAsync();
        await plain.SubscribeAsync(id, 0);
        await viewer.SubscribeAsync(id, 0, View);
        gate.Open();
        await plain.FinishedAsync();
        await viewer.FinishedAsync();
        await plain.ReachedAsync(Steps);
        await viewer.ReachedAsync(Steps);
        return (plain, viewer);
    }

    [Fact]
    public async Task SubscribeToRunView_BesideAPlainSubscriber_PlainOneGetsEveryStepOnceAndDigestsCoverEveryStepOnce()
    {
        var (plain, viewer) = await WatchAsync();
        await using var _ = plain;
        await using var __ = viewer;

        Assert.Equal(Enumerable.Range(1, Steps), plain.Steps);
        Assert.NotEmpty(viewer.Digests);
        // Backfilled steps (before the subscription's live part) come as batches; the digests follow them with no gap or overlap.
        var covered = viewer.Steps.Concat(viewer.Digests.SelectMany(d => Enumerable.Range(d.FirstStep, d.LastStep - d.FirstStep + 1)));
        Assert.Equal(Enumerable.Range(1, Steps), covered);
    }

    [Fact]
    public async Task SubscribeToRunView_EveryStepMetric_EachDigestKeepsItsStepsExtremesAtTheirExactStepAndValue()
    {
        var (plain, viewer) = await WatchAsync();
        await using var _ = plain;
        await using var __ = viewer;
        var points = plain.Batches.SelectMany(b => b.Steps).ToDictionary(s => s.Step);

        foreach (var digest in viewer.Digests.Where(d => d.Points.Count > 0))
        {
            var window = Enumerable.Range(digest.FirstStep, digest.LastStep - digest.FirstStep + 1).Select(s => points[s]).ToList();
            foreach (var metric in new[] { StepMetric.Loss, StepMetric.GradNormBefore, StepMetric.GradNormAfter, StepMetric.TrainAccuracy })
            {
                var m = (int)metric;
                var values = window.Where(p => p.Values[m] is { } v && double.IsFinite(v)).ToList();
                if (values.Count == 0) continue;
                var max = values.MaxBy(p => p.Values[m])!;
                var min = values.MinBy(p => p.Values[m])!;
                Assert.Contains(digest.Points, p => p.Step == max.Step && p.Values[m] == max.Values[m]);
                Assert.Contains(digest.Points, p => p.Step == min.Step && p.Values[m] == min.Values[m]);
            }
            Assert.Equal(window[^1].Values, digest.Points[^1].Values); // the newest step in full
        }
    }

    [Fact]
    public async Task SubscribeToRunView_LayerColumns_MergedDigestsEqualTheMaximumOfEveryFrameInEachColumnAndTheNewestFrameIsExact()
    {
        var (plain, viewer) = await WatchAsync();
        await using var _ = plain;
        await using var __ = viewer;
        var frames = plain.Batches.SelectMany(b => b.Layers).ToList();
        Assert.Equal(Steps, frames.Count); // the plain client's frames are not thinned here: the oracle is every step
        var width = View.WidthFor(Steps);
        var metric = (int)LayerMetric.WeightGradNorm;

        // The view's grid: every digest's columns merged into columns of the final width, as the dashboard's LayerGrid does.
        var grid = new Dictionary<(int Column, int Layer), double>();
        foreach (var columns in viewer.Digests.Select(d => d.Columns).OfType<LayerColumns>())
        {
            var maxima = MemoryMarshal.Cast<byte, double>(columns.Maxima).ToArray();
            var k = Array.IndexOf(columns.Metrics, metric);
            for (var i = 0; i < columns.Indices.Length; i++)
                for (var l = 0; l < columns.Layers; l++)
                {
                    var value = maxima[(i * columns.Metrics.Length + k) * columns.Layers + l];
                    var key = (columns.Indices[i] * columns.Width / width, l);
                    if (!double.IsNaN(value)) grid[key] = Math.Max(grid.GetValueOrDefault(key, double.MinValue), value);
                }
        }
        var expected = frames.SelectMany(f => f.Values[metric].Select((v, l) => (Key: ((f.Step - 1) / width, l), Value: v!.Value)))
            .GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Max(c => c.Value));

        Assert.Equal(expected.OrderBy(e => e.Key), grid.OrderBy(e => e.Key));
        var latest = viewer.Digests.Select(d => d.Latest).OfType<LayerFrame>().MaxBy(f => f.Step)!;
        Assert.Equal(frames[^1].Step, latest.Step);
        Assert.Equal(frames[^1].Values, latest.Values);
    }

    [Fact]
    public async Task SubscribeToRunView_ClippedAtEveryStep_DigestsCarryEveryEventOnce()
    {
        var (plain, viewer) = await WatchAsync();
        await using var _ = plain;
        await using var __ = viewer;

        var expected = plain.Batches.SelectMany(b => b.Events).ToList();
        Assert.True(expected.Count(e => e.Kind == RunEventKinds.Clipping) >= Steps - 1);
        Assert.Equal(expected, viewer.Batches.SelectMany(b => b.Events).Concat(viewer.Digests.SelectMany(d => d.Events)));
    }

    [Fact]
    public async Task SubscribeToRunView_InvalidView_RefusedNamingEveryBadField()
    {
        await using var hub = new HubClient(factory);
        await hub.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => hub.SubscribeAsync(Guid.NewGuid(), 0, new LiveView(0, 3)));

        Assert.Contains("updatesPerSecond", error.Message);
        Assert.Contains("columns", error.Message);
    }
}
