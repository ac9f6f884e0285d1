namespace GradientService.Core.Tensors;

/// <summary>
/// How a product's C is cut into <see cref="Parts"/> rectangles (tiles the threads claim in turn): whole
/// micro-tile rows or columns, never the k sum, so the partition changes which thread writes an element
/// and not its value.
/// </summary>
internal readonly record struct GemmPartition(int Parts, bool ByColumns, int Panels, int PanelSize)
{
    /// <summary>
    /// Work per tile above which a product gets more tiles than threads (up to <see cref="MaxTilesPerThread"/>
    /// each): a thread that falls behind (its core taken by another process) then holds up at most a half
    /// share while the others take the rest. Each extra tile repacks the other operand: measured at 1024³
    /// on 2 threads, 2 tiles per thread cost nothing against 1, and 4 cost 7%.
    /// </summary>
    public const long TileFlops = 256L << 20;

    public const int MaxTilesPerThread = 2;

    /// <summary>
    /// Splits so that the operand whose packing each tile repeats is the smaller one: by columns (every tile packs all of
    /// op(A), m·k) when m ≤ n, else by rows (every tile packs all of op(B), k·n), unless that dimension has fewer
    /// micro-panels than threads and the other more. One tile when the product is below <paramref name="minFlops"/>.
    /// Measured on a D8 W1024 B256 step's ∂L/∂W (1024 × 1024, k = 256): by rows each thread packed x whole and its half
    /// of δᵀ twice (once per 512-column block), 512 Ki values; by columns, 384 Ki.
    /// </summary>
    public static GemmPartition Choose(int m, int n, int k, int mr, int nr, int threads, long minFlops)
    {
        var rowPanels = (m + mr - 1) / mr;
        var colPanels = (n + nr - 1) / nr;
        var byColumns = m <= n;
        var (split, other) = byColumns ? (colPanels, rowPanels) : (rowPanels, colPanels);
        if (split < threads && other > split) byColumns = !byColumns;
        var panels = byColumns ? colPanels : rowPanels;
        var flops = 2L * m * n * k;
        var perThread = (int)Math.Clamp(flops / (TileFlops * threads), 1, MaxTilesPerThread);
        var parts = flops < minFlops || threads == 1 ? 1 : Math.Min(threads * perThread, panels);
        return new GemmPartition(parts, byColumns, panels, byColumns ? nr : mr);
    }

    /// <summary>Rows [I0, I1) × columns [J0, J1) of part <paramref name="part"/>.</summary>
    public (int I0, int I1, int J0, int J1) Rectangle(int part, int m, int n)
    {
        var from = (int)((long)part * Panels / Parts) * PanelSize;
        var to = (int)((long)(part + 1) * Panels / Parts) * PanelSize;
        return ByColumns ? (0, m, from, Math.Min(to, n)) : (from, Math.Min(to, m), 0, n);
    }
}
