namespace GradientService.Contracts.Wire;

/// <summary>
/// What a live view can draw, negotiated per subscription (<see cref="IRunsHub.SubscribeToRunView"/>): the hub then sends
/// it <see cref="LiveDigest"/>s, at most <see cref="UpdatesPerSecond"/> a second, with the layer probes pre-aggregated to
/// the view's layer grid of <see cref="Columns"/> columns instead of every layer of every step.
/// <c>UpdatesPerSecond</c>: 1 … 60. <c>Columns</c>: the grid's capacity, an even number 2 … 65,536 (column c of width w
/// holds steps c·w + 1 … (c + 1)·w; w is the smallest power of two for which the newest step fits, see <see cref="WidthFor"/>).
/// </summary>
public sealed record LiveView(int UpdatesPerSecond, int Columns)
{
    public const int MaxUpdatesPerSecond = 60;
    public const int MaxColumns = 65_536;

    /// <summary>Every field that is out of range, with what it must be (empty when the view is valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        List<string> problems = [];
        if (UpdatesPerSecond is < 1 or > MaxUpdatesPerSecond) problems.Add($"updatesPerSecond must be 1 … {MaxUpdatesPerSecond} (was {UpdatesPerSecond}).");
        if (Columns is < 2 or > MaxColumns || Columns % 2 != 0) problems.Add($"columns must be an even number 2 … {MaxColumns} (was {Columns}).");
        return problems;
    }

    /// <summary>Steps per column once <paramref name="step"/> is held: the smallest power of two w with (step − 1) / w &lt; Columns.</summary>
    public int WidthFor(int step)
    {
        var width = 1;
        while ((step - 1) / width >= Columns) width *= 2;
        return width;
    }
}
