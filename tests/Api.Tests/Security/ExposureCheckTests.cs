using System.Collections.Concurrent;
using System.Net;
using GradientService.Api.Security;
using GradientService.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GradientService.Api.Tests.Security;

/// <summary>A real Kestrel listening on every address (0.0.0.0): without a key the instance says so at start, at Critical.</summary>
public sealed class ExposureCheckTests
{
    private sealed class Captured : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(Captured owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Enqueue((logLevel, category, formatter(state, exception)));
        }
    }

    private sealed class Exposed(IReadOnlyList<(string Key, string Value)> settings, bool anyAddress) : ApiFactory
    {
        public Captured Logs { get; } = new();

        protected override IEnumerable<(string Key, string Value)> Settings() => [.. base.Settings(), .. settings];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
            UseKestrel(kestrel => kestrel.Listen(anyAddress ? IPAddress.Any : IPAddress.Loopback, 0));
        }
    }

    private static List<(LogLevel Level, string Message)> StartAndRead(IReadOnlyList<(string, string)> settings, bool anyAddress)
    {
        using var factory = new Exposed(settings, anyAddress);
        factory.StartServer();
        return [.. factory.Logs.Entries.Where(e => e.Category == typeof(ExposureCheck).FullName).Select(e => (e.Level, e.Message))];
    }

    [Fact]
    public void Start_OnEveryAddressWithoutKey_LogsCriticalNamingTheAddress()
    {
        var entry = Assert.Single(StartAndRead([], anyAddress: true));

        Assert.Equal(LogLevel.Critical, entry.Level);
        Assert.Contains("EXPOSED WITHOUT AN API KEY", entry.Message, StringComparison.Ordinal);
        Assert.Contains("0.0.0.0", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_OnEveryAddressWithKeyButOpenReads_WarnsAboutReads()
    {
        var entry = Assert.Single(StartAndRead([("Security:Keys:ops", ApiKey.Hash("k"))], anyAddress: true));

        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("ProtectReads", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_OnLoopbackWithoutKey_SaysNothing() => Assert.Empty(StartAndRead([], anyAddress: false));
}
