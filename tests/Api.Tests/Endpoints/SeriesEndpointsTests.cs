using System.Net;
using System.Net.Http.Json;
using GradientService.Api.Series;
using GradientService.Api.Storage;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GradientService.Api.Tests.Endpoints;

/// <summary>One 3,000-step run with a spike planted at step 1,234, shared by the series tests.</summary>
public sealed class SpikedRunFixture : IAsyncLifetime
{
    public const int Steps = 3000, SpikeStep = 1234;
    public const double Spike = 1e6;

    public ApiFactory Factory { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public RunDetail Run { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory.Trainers.SpikeAt = SpikeStep;
        Factory.Trainers.SpikeValue = Spike;
        Client = Factory.CreateClient();
        var spec = Json.TinySpec(steps: Steps, name: "spiked") with { Clipping = new ClippingSpec { Mode = ClippingMode.GlobalNorm, Threshold = 1.5 } };
        var created = await (await Client.PostAsync("/api/runs", Json.Body(spec))).Content.ReadFromJsonAsync<RunCreated>(Json.Options);
        Run = await RunWaiter.FinishedAsync(Client, created!.Id);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class SeriesEndpointsTests(SpikedRunFixture run) : IClassFixture<SpikedRunFixture>
{
    private HttpClient Client => run.Client;

    private Guid Id => run.Run.Summary.Id;

    [Theory]
    [InlineData("min-max")]
    [InlineData("lttb")]
    public async Task Steps_Downsampled_KeepsThePlantedSpikeExactly(string method)
    {
        var series = await Client.GetFromJsonAsync<SeriesResponse>($"/api/runs/{Id}/steps?fields=gradNormBefore&maxPoints=100&method={method}", Json.Options);

        var points = series!.Series[0].Points;
        Assert.True(series.Downsampled);
        Assert.True(points.Count <= 102);
        Assert.Contains(points, p => p.Step == SpikedRunFixture.SpikeStep && p.Value == SpikedRunFixture.Spike);
    }

    [Fact]
    public async Task Layer_Downsampled_KeepsThePlantedSpikeExactly()
    {
        var series = await Client.GetFromJsonAsync<SeriesResponse>($"/api/runs/{Id}/layers/1?maxPoints=50", Json.Options);

        Assert.Contains(series!.Series[0].Points, p => p.Step == SpikedRunFixture.SpikeStep && p.Value == SpikedRunFixture.Spike);
    }

    [Fact]
    public async Task Steps_CoarseBuckets_FromRollupsEqualTheRawMinMaxOnTheSameGrid()
    {
        const string fields = "loss,trainAccuracy,testLoss,testAccuracy,learningRate,gradNormBefore,gradNormAfter,clipScale";
        var served = await Client.GetFromJsonAsync<SeriesResponse>($"/api/runs/{Id}/steps?fields={fields}&from=7&to=2990&maxPoints=20", Json.Options);
        var raw = await Client.GetFromJsonAsync<SeriesResponse>($"/api/runs/{Id}/steps?fields={fields}&from=7&to=2990&maxPoints=20000", Json.Options);

        var grid = SeriesQueries.RollupGrid(7, 2990, 20)!.Value;
        Assert.True(served!.Downsampled);
        Assert.Equal(2990 - 7 + 1, served.RawPoints);
        for (var f = 0; f < raw!.Series.Count; f++)
        {
            var points = raw.Series[f].Points;
            var expected = Downsampler.MinMaxBuckets([.. points.Select(p => p.Step)], [.. points.Select(p => p.Value)], grid);
            Assert.Equal(expected, served.Series[f].Points);
        }
        Assert.Contains(served.Series[5].Points, p => p.Step == SpikedRunFixture.SpikeStep && p.Value == SpikedRunFixture.Spike);
    }

    [Fact]
    public async Task StepRollups_OneRowPerBucket_HoldTheSpikeAtItsStep()
    {
        using var scope = run.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GradientDbContext>();
        var key = await db.Runs.Where(r => r.Id == Id).Select(r => r.Key).SingleAsync();

        var rollups = await db.StepRollups.Where(r => r.RunKey == key).OrderBy(r => r.Bucket).ToListAsync();

        Assert.Equal(Enumerable.Range(0, (SpikedRunFixture.Steps + 63) / 64), rollups.Select(r => r.Bucket));
        Assert.Equal(SpikedRunFixture.Steps, rollups.Sum(r => r.Count));
        var spiked = StepRollup.Read(rollups[LayerRollup.BucketOf(SpikedRunFixture.SpikeStep)].Stats, StepMetric.GradNormBefore);
        Assert.Equal((SpikedRunFixture.Spike, SpikedRunFixture.SpikeStep), (spiked.Max, spiked.MaxStep));
        Assert.Equal(64, spiked.Finite);
    }

    [Fact]
    public async Task Steps_FromTo_ReturnsOnlyThatRange()
    {
        var series = await Client.GetFromJsonAsync<SeriesResponse>($"/api/runs/{Id}/steps?fields=loss&from=101&to=150", Json.Options);

        Assert.Equal(Enumerable.Range(101, 50), series!.Series[0].Points.Select(p => p.Step));
        Assert.False(series.Downsampled);
    }

    [Fact]
    public async Task Steps_TestLoss_HasOnlyEvaluationSteps()
    {
        var series = await Client.GetFromJsonAsync<SeriesResponse>($"/api/runs/{Id}/steps?fields=testLoss&to=100", Json.Options);

        Assert.Equal([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], series!.Series[0].Points.Select(p => p.Step));
    }

    [Fact]
    public async Task Heatmap_FromRollups_HasOneRowPerLayerAndTheSpikeInItsColumn()
    {
        var map = await Client.GetFromJsonAsync<Heatmap>($"/api/runs/{Id}/heatmap?field=weightGradNorm&columns=20", Json.Options);

        Assert.Equal(run.Run.Layers.Count, map!.Values.Count);
        var column = map.ColumnFirstSteps.ToList().FindLastIndex(first => first <= SpikedRunFixture.SpikeStep);
        Assert.True(map.ColumnLastSteps[column] >= SpikedRunFixture.SpikeStep);
        Assert.Equal(SpikedRunFixture.Spike, map.Values[0][column]);
        Assert.True(map.Values[0].Count(v => v == SpikedRunFixture.Spike) == 1);
    }

    [Fact]
    public async Task Heatmap_FineColumns_ReadsRawSamples()
    {
        var map = await Client.GetFromJsonAsync<Heatmap>($"/api/runs/{Id}/heatmap?from=1201&to=1300&columns=100&aggregate=mean", Json.Options);

        Assert.Equal(100, map!.ColumnFirstSteps.Count);
        Assert.Equal(SpikedRunFixture.Spike, map.Values[0][SpikedRunFixture.SpikeStep - 1201]);
    }

    [Fact]
    public async Task DepthProfile_AtStep_ShowsTheDecayTowardTheInput()
    {
        var profile = await Client.GetFromJsonAsync<DepthProfile>($"/api/runs/{Id}/depth-profile?step=10&fields=weightGradNorm", Json.Options);

        var values = profile!.Layers.Select(l => l.Values[0]).ToList();
        Assert.Equal(10, profile.Step);
        Assert.Equal(3, values.Count);
        Assert.True(values[0] < values[1] && values[1] < values[2]);
    }

    [Fact]
    public async Task Events_Clipping_RecordedOnlyWhereTheNormExceededTheThreshold()
    {
        var all = await Client.GetFromJsonAsync<Page<RunEventMessage>>($"/api/runs/{Id}/events?kind=clipping&pageSize=200", Json.Options);
        var near = await Client.GetFromJsonAsync<Page<RunEventMessage>>($"/api/runs/{Id}/events?kind=clipping&from=1230&to=1240", Json.Options);

        Assert.Contains(near!.Items, e => e.Step == SpikedRunFixture.SpikeStep && e.Value == SpikedRunFixture.Spike);
        Assert.All(all!.Items, e => Assert.True(e.Value > 1.5));
        Assert.Equal(all.Total, run.Run.Summary.ClipEvents);
    }

    [Fact]
    public async Task Layer_BeyondTheModel_Returns400NamingLayer()
    {
        var response = await Client.GetAsync($"/api/runs/{Id}/layers/99");

        var problem = await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("layer", problem!.Errors!.Keys);
    }

    [Fact]
    public async Task TimeLag_MoreProfilesThanTheLimit_Returns400NamingTheLimit()
    {
        var response = await Client.GetAsync($"/api/runs/{Id}/time-lag?maxProfiles=1001");

        var problem = await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Must be between 1 and 1000."], problem!.Errors!["maxProfiles"]);
    }

    [Fact]
    public async Task Steps_UnknownFieldAndMethod_Returns400NamingBoth()
    {
        var response = await Client.GetAsync($"/api/runs/{Id}/steps?fields=loss,lossy&method=stride&maxPoints=1");

        var problem = await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options);
        Assert.Equal(["fields", "maxPoints", "method"], problem!.Errors!.Keys.Order());
    }
}
