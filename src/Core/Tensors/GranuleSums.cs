namespace GradientService.Core.Tensors;

/// <summary>
/// Probe sums over a batch taken share by share, while each share's rows are still in cache: one float64 sum per
/// granule (the blocks of <see cref="BatchRows.Granule"/> rows that shares are cut on), added in granule order afterwards,
/// so a total is bitwise the same however many shares the batch was cut into.
/// </summary>
internal static class GranuleSums
{
    /// <summary>Granules (sums) in a batch of <paramref name="batch"/> rows.</summary>
    public static int Count(int batch) => (batch + BatchRows.Granule - 1) / BatchRows.Granule;

    /// <summary>
    /// Σ x and Σ x² of each granule of <paramref name="share"/> (the rows <paramref name="r"/> of a batch) into its entries of <paramref name="sums"/> and <paramref name="squares"/>;
    /// its units with a non-zero entry into <paramref name="alive"/> (see <see cref="Reductions.ActivationMoments{T}"/>).
    /// </summary>
    public static void Moments<T>(MatrixView<T> share, BatchRows r, Span<double> sums, Span<double> squares, Span<T> alive)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var start = 0; start < r.Count; start += BatchRows.Granule)
        {
            var granule = (r.Start + start) / BatchRows.Granule;
            (sums[granule], squares[granule]) = Reductions.ActivationMoments(Granule(share, r, start), alive);
        }
    }

    /// <summary>Σ x² of each granule of <paramref name="share"/> into its entry.</summary>
    public static void Squares<T>(MatrixView<T> share, BatchRows r, Span<double> squares) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var start = 0; start < r.Count; start += BatchRows.Granule)
            squares[(r.Start + start) / BatchRows.Granule] = Reductions.SumOfSquares<T>(Granule(share, r, start).Span);
    }

    /// <summary>Σ of columns [<paramref name="first"/>, first + <paramref name="count"/>) over each granule of <paramref name="share"/>.</summary>
    public static void ColumnSums<T>(MatrixView<T> share, BatchRows r, int first, int count, Span<double> sums) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var start = 0; start < r.Count; start += BatchRows.Granule)
            sums[(r.Start + start) / BatchRows.Granule] = Reductions.SumOfColumns(Granule(share, r, start), first, count);
    }

    /// <summary>The granules' sums added in granule order.</summary>
    public static double Total(ReadOnlySpan<double> sums)
    {
        var total = 0.0;
        foreach (var s in sums) total += s;
        return total;
    }

    private static MatrixView<T> Granule<T>(MatrixView<T> share, BatchRows r, int start) =>
        share.RowSlice(start, Math.Min(BatchRows.Granule, r.Count - start));
}
