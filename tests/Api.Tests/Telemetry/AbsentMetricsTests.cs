using System.Globalization;
using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Telemetry;

/// <summary>A run whose every third step computes no gradient (<see cref="ScriptedTrainerFactory.GradientFreeEvery"/>).</summary>
public sealed class GradientFreeRunFixture : IAsyncLifetime
{
    public const int Steps = 200, Every = 3;

    public ApiFactory Factory { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public Guid Id { get; private set; }

    public async Task InitializeAsync()
    {
        Factory.Trainers.GradientFreeEvery = Every;
        Client = Factory.CreateClient();
        var created = await (await Client.PostAsync("/api/runs", Json.Body(Json.TinySpec(steps: Steps, name: "gradient-free")))).Content.ReadFromJsonAsync<RunCreated>(Json.Options);
        Id = (await RunWaiter.FinishedAsync(Client, created!.Id)).Summary.Id;
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Absent metrics stay absent, distinct from NaN and 0, through the store, the queries, the exports and the hub.</summary>
public sealed class AbsentMetricsTests(GradientFreeRunFixture run) : IClassFixture<GradientFreeRunFixture>
{
    private static readonly IEnumerable<int> Computed = Enumerable.Range(1, GradientFreeRunFixture.Steps).Where(s => s % GradientFreeRunFixture.Every != 0);

    [Fact]
    public async Task LayerSeries_AbsentSteps_HaveNoPoint()
    {
        var series = await run.Client.GetFromJsonAsync<SeriesResponse>($"/api/runs/{run.Id}/layers/1?fields=weightGradNorm,weightNorm&maxPoints=1000", Json.Options);

        Assert.Equal(Computed, series!.Series[0].Points.Select(p => p.Step));
        Assert.Equal(GradientFreeRunFixture.Steps, series.Series[1].Points.Count);
        Assert.All(series.Series[0].Points, p => Assert.True(p.Value > 0 && p.NonFinite is null));
    }

    [Fact]
    public async Task StepSeries_AbsentSteps_HaveNoPoint()
    {
        var series = await run.Client.GetFromJsonAsync<SeriesResponse>($"/api/runs/{run.Id}/steps?fields=gradNormBefore,loss&maxPoints=1000", Json.Options);

        Assert.Equal(Computed, series!.Series[0].Points.Select(p => p.Step));
        Assert.Equal(GradientFreeRunFixture.Steps, series.Series[1].Points.Count);
    }

    [Fact]
    public async Task StepSeries_FromRollups_LeaveAbsentOutNotFlagged()
    {
        var series = await run.Client.GetFromJsonAsync<SeriesResponse>($"/api/runs/{run.Id}/steps?fields=gradNormBefore&maxPoints=10", Json.Options);

        Assert.True(series!.Downsampled);
        Assert.All(series.Series[0].Points, p => Assert.True(p.Step % GradientFreeRunFixture.Every != 0 && p.NonFinite is null));
    }

    [Theory]
    [InlineData(200)] // one column per step: raw samples
    [InlineData(2)] // columns of 100 steps: the 64-step rollups
    public async Task Heatmap_AbsentValues_AreNeitherValuesNorNonFinite(int columns)
    {
        var heatmap = await run.Client.GetFromJsonAsync<Heatmap>($"/api/runs/{run.Id}/heatmap?field=weightGradNorm&columns={columns}&aggregate=min", Json.Options);

        Assert.All(heatmap!.NonFinite, layer => Assert.DoesNotContain(true, layer));
        for (var c = 0; c < heatmap.ColumnFirstSteps.Count; c++)
        {
            var absent = heatmap.ColumnFirstSteps[c] == heatmap.ColumnLastSteps[c] && heatmap.ColumnFirstSteps[c] % GradientFreeRunFixture.Every == 0;
            Assert.All(heatmap.Values, layer => Assert.Equal(absent, double.IsNaN(layer[c])));
        }
    }

    [Fact]
    public async Task DepthProfile_AtAGradientFreeStep_IsNullForGradientsOnly()
    {
        var profile = await run.Client.GetFromJsonAsync<DepthProfile>($"/api/runs/{run.Id}/depth-profile?step=3&fields=weightGradNorm,weightNorm", Json.Options);

        Assert.Equal(3, profile!.Step);
        Assert.All(profile.Layers, l => Assert.True(l.Values[0] is null && l.Values[1] > 0));
    }

    [Fact]
    public async Task Csv_AbsentValues_AreEmptyCells()
    {
        var steps = (await run.Client.GetStringAsync($"/api/runs/{run.Id}/export/steps.csv")).Split('\n');
        var layers = (await run.Client.GetStringAsync($"/api/runs/{run.Id}/export/layers.csv?fields=weightGradNorm,weightNorm&to=3")).Split('\n');

        var header = steps[0].Split(',');
        Assert.Equal(("", ""), (steps[3].Split(',')[Array.IndexOf(header, "gradNormBefore")], steps[3].Split(',')[Array.IndexOf(header, "gradNormAfter")]));
        Assert.True(double.Parse(steps[2].Split(',')[Array.IndexOf(header, "gradNormBefore")], CultureInfo.InvariantCulture) > 0);
        Assert.All(layers.Where(l => l.StartsWith("3,", StringComparison.Ordinal)), l => Assert.Matches(@"^3,\d+,,\d", l));
        Assert.All(layers.Where(l => l.StartsWith("2,", StringComparison.Ordinal)), l => Assert.Matches(@"^2,\d+,[0-9.Ee-]+,\d", l));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("messagepack")]
    public async Task HubBackfill_AbsentValues_ArriveAsNull(string protocol)
    {
        await using var hub = new HubClient(run.Factory, protocol);
        await hub.StartAsync();
        await hub.SubscribeAsync(run.Id, 0);
        await hub.ReachedAsync(GradientFreeRunFixture.Steps);

        var points = hub.Batches.SelectMany(b => b.Steps).ToDictionary(p => p.Step);
        var frames = hub.Batches.SelectMany(b => b.Layers).ToDictionary(f => f.Step);
        Assert.Null(points[3].Values[(int)StepMetric.GradNormBefore]);
        Assert.True(points[4].Values[(int)StepMetric.GradNormBefore] > 0);
        Assert.Null(points[4].Values[(int)StepMetric.TestLoss]); // not an evaluation step: absent, not NaN
        Assert.All(frames[3].Values[(int)LayerMetric.WeightGradNorm], Assert.Null);
        Assert.All(frames[3].Values[(int)LayerMetric.WeightNorm], v => Assert.True(v > 0));
        Assert.All(frames[4].Values[(int)LayerMetric.WeightGradNorm], v => Assert.True(v > 0));
    }
}
