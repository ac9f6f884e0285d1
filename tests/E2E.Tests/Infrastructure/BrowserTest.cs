using GradientService.E2E.Harness;

namespace GradientService.E2E.Tests.Infrastructure;

/// <summary>One real product on 127.0.0.1 and one headless Chromium per test class, both torn down after it.</summary>
public abstract class BrowserTest : IAsyncLifetime
{
    private Chromium? _chromium;

    protected AppHost App { get; } = new();

    /// <summary>The launched browser; set before any test runs.</summary>
    protected Chromium Browser => _chromium ?? throw new InvalidOperationException("Chromium is launched in InitializeAsync.");

    public async Task InitializeAsync() => _chromium = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_chromium is not null) await _chromium.DisposeAsync();
        await App.DisposeAsync();
    }
}
