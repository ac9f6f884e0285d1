using System.Runtime.Versioning;
using GradientService.Web.Charts;
using GradientService.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace GradientService.Web.Layout;

/// <summary>The app's shell; once it first renders, it warms what a session's first run page would otherwise run cold.</summary>
public partial class MainLayout : IDisposable
{
    /// <summary>The wait after the first render before warming: the page the app opened on loads its own data first.</summary>
    public static readonly TimeSpan WarmupDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest a rehearsal stays on when the page never says it opened (a failed step ends its run early).</summary>
    public static readonly TimeSpan RehearsalLimit = TimeSpan.FromSeconds(30);

    private bool _rehearsing;

    [Inject]
    public required ChartsModule Charts { get; init; }

    [Inject]
    public required IRunStream Stream { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required FirstLookRehearsal Rehearsal { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && OperatingSystem.IsBrowser()) _ = WarmAsync();
        // The rehearsal's page is gone (disposed in this render): whatever it asked for while there was answered from
        // memory, and its run's requests go to the Api from now on (where they find no run).
        if (!_rehearsing) Rehearsal.End();
    }

    /// <summary>
    /// The hub connected, the charts' and the grid's JS modules imported, then the run page opened once on a made-up run out
    /// of sight (<see cref="FirstLookRehearsal"/>).
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
            if (RehearsesOn(Navigation)) await RehearseAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Only a head start: whatever failed here runs (and fails, visibly) when a run page needs it.
            Console.Error.WriteLine($"warm-up: {e.Message}");
        }
    }

    /// <summary>
    /// Renders the run page on the made-up run until it says it opened (its first look drawn, its theory and hub answers
    /// in), the user moves to another page, or <see cref="RehearsalLimit"/> passes.
    /// </summary>
    internal async Task RehearseAsync()
    {
        Navigation.LocationChanged += OnLocationChanged;
        _rehearsing = true;
        Rehearsal.Begin();
        StateHasChanged();
        await Task.Delay(RehearsalLimit, Clock);
        EndRehearsal();
    }

    /// <summary>Takes the rehearsal's page away (<see cref="OnAfterRender"/> then ends the rehearsal).</summary>
    internal void EndRehearsal()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        if (!_rehearsing) return;
        _rehearsing = false;
        StateHasChanged();
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => EndRehearsal();

    /// <summary>
    /// Whether the app opened where a user goes to a run page from: the runs list or the new-run form. Elsewhere the page
    /// shown may hold the same charts (a compare, a sweep) or be the run page itself, which runs that code for real meanwhile.
    /// </summary>
    internal static bool RehearsesOn(NavigationManager navigation)
    {
        var path = navigation.ToBaseRelativePath(navigation.Uri).Split('?', '#')[0].TrimEnd('/');
        return path.Length == 0 || path.Equals("runs/new", StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;
}
