namespace GradientService.Core.Tensors;

/// <summary>
/// A dense row-major matrix stored at <paramref name="Offset"/> in <paramref name="Data"/>: element (i, j) is
/// <c>Data[Offset + i·Cols + j]</c>. Rows are samples; weights are [out, in] as in PyTorch's nn.Linear.
/// </summary>
public readonly record struct MatrixView<T>(T[] Data, int Offset, int Rows, int Cols)
{
    public int Length => Rows * Cols;

    public Span<T> Span => Data.AsSpan(Offset, Rows * Cols);

    public Span<T> Row(int i) => Data.AsSpan(Offset + i * Cols, Cols);

    /// <summary>Rows [start, start + count) as a view on the same storage.</summary>
    public MatrixView<T> RowSlice(int start, int count) => new(Data, Offset + start * Cols, count, Cols);
}
