using GradientService.Web.Charts;
using GradientService.Web.Live;
using GradientService.Web.Services;
using GradientService.Web.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GradientService.Web.Tests.Infrastructure;

/// <summary>A bUnit context with the dashboard's services: stubbed HTTP, a fake hub stream, a fake clock, loose JS interop.</summary>
public abstract class DashboardContext : BunitContext
{
    protected DashboardContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(Keys);
        Services.AddSingleton(Http.Client(new ApiKeyHandler(Keys)));
        Services.AddSingleton<ApiClient>();
        Services.AddSingleton(new ChartsModule(JSInterop.JSRuntime)); // an instance: the container does not dispose it synchronously
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton<IRunStream>(Stream);
    }

    protected StubHttp Http { get; } = new();

    /// <summary>The API key store over bUnit's JS interop (localStorage.getItem answers null unless a test sets it up).</summary>
    protected ApiKeyStore Keys => _keys ??= new ApiKeyStore(JSInterop.JSRuntime);

    private ApiKeyStore? _keys;

    protected FakeRunStream Stream { get; } = new();

    protected FakeTimeProvider Clock { get; } = new();

    /// <summary>Calls of a function of the charts module (wwwroot/js/charts.js).</summary>
    protected IReadOnlyList<JSRuntimeInvocation> ChartCalls(string identifier) =>
        [.. JSInterop.Invocations.Where(i => i.Identifier == identifier)];
}
