using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;

namespace GradientService.Web.Live;

/// <summary>
/// <c>wwwroot/js/grid.js</c>: <see cref="LayerGrid"/>'s column merge in the browser's JS. The interpreted .NET of the
/// browser takes ~0.3 µs per cell, and a 100-layer grid merges 13 fields × 102,400 cells when its width doubles (~250 ms
/// in one update); JS merges every field in one call on a view of .NET's memory (copied out and back natively, no JSON).
/// </summary>
[SupportedOSPlatform("browser")]
internal static partial class GridScript
{
    private const string Module = "grid";

    /// <summary>True once the module has loaded (<see cref="LoadAsync"/>); until then the grid merges in .NET.</summary>
    public static bool Loaded { get; private set; }

    public static async Task LoadAsync()
    {
        if (Loaded) return;
        try
        {
            await JSHost.ImportAsync(Module, "../js/grid.js");
            Loaded = true;
        }
        catch (JSException)
        {
            // Not loaded (the page went away, or the file did not come): the grid keeps merging in .NET.
        }
    }

    /// <summary>
    /// See grid.js' mergeColumnPairs: of each field in <paramref name="fields"/> (its cells at field · <paramref name="stride"/>
    /// in <paramref name="block"/>), the first <paramref name="columns"/> columns merged in pairs, in place.
    /// </summary>
    [JSImport("mergeColumnPairs", Module)]
    public static partial void MergeColumnPairs([JSMarshalAs<JSType.MemoryView>] Span<double> block, [JSMarshalAs<JSType.Array<JSType.Number>>] int[] fields,
        int stride, int columns, int layers);
}
