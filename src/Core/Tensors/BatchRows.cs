namespace GradientService.Core.Tensors;

/// <summary>
/// Examples [<paramref name="Start"/>, Start + <paramref name="Count"/>) of a batch of <paramref name="Batch"/>: one thread's
/// share of a pass in which examples do not interact (a recurrent layer's time loop, an mlp's forward pass and its δ
/// sweep), so each share runs alone and the result does not depend on how the batch is cut.
/// </summary>
internal readonly record struct BatchRows(int Batch, int Start, int Count)
{
    /// <summary>Rows per share are a multiple of this (the micro-kernel's row count), so shares keep full tiles.</summary>
    public const int Granule = 8;

    public static BatchRows All(int batch) => new(batch, 0, batch);

    /// <summary>How many shares a batch is cut into for <paramref name="threads"/> threads.</summary>
    public static int Shares(int batch, int threads) => Math.Max(1, Math.Min(threads, (batch + Granule - 1) / Granule));

    /// <summary>These rows of a [Batch × cols] matrix.</summary>
    public MatrixView<T> Of<T>(MatrixView<T> m) => m.RowSlice(Start, Count);

    /// <summary>Share <paramref name="share"/> of <paramref name="shares"/>.</summary>
    public static BatchRows Share(int batch, int share, int shares)
    {
        var size = ((batch + shares - 1) / shares + Granule - 1) / Granule * Granule;
        var start = Math.Min(batch, share * size);
        return new BatchRows(batch, start, Math.Min(size, batch - start));
    }
}
