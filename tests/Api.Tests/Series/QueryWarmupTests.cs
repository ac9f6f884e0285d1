using GradientService.Api.Series;
using GradientService.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GradientService.Api.Tests.Series;

public sealed class QueryWarmupTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Warmup_OnTheMigratedStore_RunsEveryFirstLookReadWithoutAWarning()
    {
        _ = factory.CreateClient(); // starts the service: the schema is current
        var logger = new Captured();
        var warmup = new QueryWarmup(factory.Services.GetRequiredService<IServiceScopeFactory>(),
            factory.Services.GetRequiredService<IHostApplicationLifetime>(), logger);

        await warmup.StartAsync(CancellationToken.None);
        await warmup.StopAsync(CancellationToken.None); // waits for the warming to end

        Assert.Empty(logger.Entries);
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
