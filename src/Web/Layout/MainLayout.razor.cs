using System.Runtime.Versioning;
using GradientService.Web.Charts;
using GradientService.Web.Live;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Layout;

/// <summary>The app's shell; once it first renders, it warms what a session's first run page would otherwise run cold.</summary>
public partial class MainLayout
{
    /// <summary>The wait after the first render before warming: the page the app opened on loads its own data first.</summary>
    public static readonly TimeSpan WarmupDelay = TimeSpan.FromMilliseconds(500);

    [Inject]
    public required ChartsModule Charts { get; init; }

    [Inject]
    public required IRunStream Stream { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && OperatingSystem.IsBrowser()) _ = WarmAsync();
    }

    /// <summary>
    /// The hub connected, the charts' and the grid's JS modules imported and the run page's .NET code run once on a made-up run
    /// (<see cref="FirstLookWarmup"/>): a session's first run page spent 1.3–2 s there before its history requests left.
    /// </summary>
    [SupportedOSPlatform("browser")]
    private async Task WarmAsync()
    {
        try
        {
            await Task.Delay(WarmupDelay);
            // The hub's connection too: its first start (negotiation, WebSocket, protocol) held the first run page's live data back.
            await Stream.ConnectAsync();
            await Charts.PreloadAsync();
            await GridScript.LoadAsync();
            // An app opened on a run page runs that code for real meanwhile: a made-up run would only compete with it.
            if (!OpensOnRunPage(Navigation)) await FirstLookWarmup.RunAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Only a head start: whatever failed here runs (and fails, visibly) when a run page needs it.
            Console.Error.WriteLine($"warm-up: {e.Message}");
        }
    }

    /// <summary>Whether the app's address is a run page (<c>/runs/{id}</c>, as <see cref="Pages.Run"/>'s route).</summary>
    internal static bool OpensOnRunPage(NavigationManager navigation)
    {
        var path = navigation.ToBaseRelativePath(navigation.Uri).Split('?', '#')[0].TrimEnd('/');
        return path.StartsWith("runs/", StringComparison.OrdinalIgnoreCase) && Guid.TryParse(path["runs/".Length..], out _);
    }
}
