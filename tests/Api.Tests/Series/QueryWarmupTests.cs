using GradientService.Api.Diagnosis;
using GradientService.Api.Series;
using GradientService.Api.Storage;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GradientService.Api.Tests.Series;

public sealed class QueryWarmupTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gradientservice-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Warmup_OnTheMigratedStore_RunsEveryFirstLookReadWithoutAWarningAndLeavesNothingBehind()
    {
        _ = factory.CreateClient(); // starts the service: the schema is current
        var logger = new Captured();

        await WarmAsync(Warmup(factory.Services, logger, _root));

        Assert.Empty(logger.Entries);
        Assert.False(Directory.Exists(_root) && Directory.EnumerateFileSystemEntries(_root).Any()); // its own store is gone
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GradientDbContext>();
        Assert.Equal(0, await db.Runs.CountAsync()); // and the service's store holds no run
        Assert.Equal(0, await db.Steps.CountAsync());
    }

    [Fact]
    public async Task WarmupStore_HoldsAFinishedRunThatTheFirstLooksReadsServeFromRollups()
    {
        var spec = new RunSpec { Model = new MlpSpec { Depth = WarmupStore.Layers - 1, Width = 4 }, Training = new TrainingSpec { Steps = WarmupStore.Steps } };
        await using (var scratch = await WarmupStore.CreateAsync(_root, spec, TimeProvider.System, CancellationToken.None))
        {
            var store = new SeriesStore(scratch.Db);
            var queries = new SeriesQueries(store);
            var run = scratch.Run;

            var series = await queries.StepsAsync(run, [StepMetric.Loss], 1, WarmupStore.Steps, WarmupStore.Steps / LayerRollup.Width, Downsampler.MinMax, CancellationToken.None);
            var heatmap = await queries.HeatmapAsync(run, LayerMetric.WeightGradNorm, 1, WarmupStore.Steps, WarmupStore.Steps / (2 * LayerRollup.Width), SeriesQueries.Max, CancellationToken.None);
            var profile = await queries.DepthProfileAsync(run, WarmupStore.Steps, [LayerMetric.WeightGradNorm], CancellationToken.None);
            using var theories = new RunTheories(new AnalysisLane());
            var diagnosis = await new RunDiagnoses(store, theories).ForAsync(run, (_, s) => RunTheories.Of(s), CancellationToken.None);

            Assert.True(series.Downsampled);
            Assert.Equal(WarmupStore.Steps, series.RawPoints); // every step, counted from the rollups
            Assert.NotEmpty(series.Series[0].Points);
            Assert.Equal(WarmupStore.Layers, heatmap.Values.Count);
            Assert.All(heatmap.Values, row => Assert.All(row, v => Assert.True(double.IsFinite(v))));
            Assert.Equal(WarmupStore.Steps, profile?.Step);
            Assert.Equal(WarmupStore.Layers, profile?.Layers.Count);
            Assert.Equal(DiagnosisVerdict.Vanishing, diagnosis?.Verdict); // a sick run: its findings' causes and remedies are written
            Assert.NotEmpty(diagnosis!.Findings);
            Assert.NotEmpty(diagnosis.Remedies);
            Assert.DoesNotContain(RunTheories.Pending, diagnosis.Depth!.Caveats); // its theory's part written, not the pending one
            Assert.False(theories.Started(run.Id)); // no theory kept for a made-up run
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [Fact]
    public async Task Warmup_WhereItsOwnStoreCannotBeMade_LogsOneWarningAndTheServiceAnswers()
    {
        var client = factory.CreateClient();
        Directory.CreateDirectory(Path.GetDirectoryName(_root)!);
        await File.WriteAllTextAsync(_root, "a file where the folder would go");
        var logger = new Captured();

        await WarmAsync(Warmup(factory.Services, logger, _root));

        Assert.Single(logger.Entries);
        Assert.True((await client.GetAsync("/api/runs")).IsSuccessStatusCode);
        File.Delete(_root);
    }

    [Fact]
    public async Task Warmup_OnAnUnreachableStore_LogsOneWarningWithoutThrowing()
    {
        var blocker = Path.Combine(Path.GetTempPath(), "gradientservice-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(blocker)!);
        await File.WriteAllTextAsync(blocker, "a file where the store's folder would go");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DatabasePath"] = Path.Combine(blocker, "gradients.db"),
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddSingleton(TimeProvider.System)
            .AddStorage().AddScoped<SeriesQueries>().AddSingleton<RunTheories>();
        await using var provider = services.BuildServiceProvider();
        var logger = new Captured();

        await WarmAsync(Warmup(provider, logger, _root));

        Assert.Single(logger.Entries);
        Assert.False(Directory.Exists(_root)); // it stopped before making its own store
        File.Delete(blocker);
    }

    private QueryWarmup Warmup(IServiceProvider services, Captured logger, string root) =>
        new(services.GetRequiredService<IServiceScopeFactory>(), factory.Services.GetRequiredService<IHostApplicationLifetime>(), logger) { ScratchRoot = root };

    private static async Task WarmAsync(QueryWarmup warmup)
    {
        await warmup.StartAsync(CancellationToken.None);
        await warmup.StopAsync(CancellationToken.None); // waits for the warming to end
    }

    private sealed class Captured : ILogger<QueryWarmup>
    {
        public List<string> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add($"{logLevel}: {formatter(state, exception)} {exception}");
    }
}
