namespace GradientService.Core.Tensors;

/// <summary>A row-major matrix that owns its storage; <see cref="View"/> hands it to the kernels.</summary>
public sealed class Matrix<T>(int rows, int cols) where T : unmanaged
{
    public int Rows { get; } = rows;
    public int Cols { get; } = cols;
    public T[] Data { get; } = new T[rows * cols];

    public int Length => Data.Length;
    public Span<T> Span => Data;
    public MatrixView<T> View => new(Data, 0, Rows, Cols);

    public ref T this[int i, int j] => ref Data[i * Cols + j];

    public Span<T> Row(int i) => Data.AsSpan(i * Cols, Cols);

    /// <summary>The first <paramref name="count"/> rows (a smaller batch in the same storage).</summary>
    public MatrixView<T> FirstRows(int count) => new(Data, 0, count, Cols);

    public static implicit operator MatrixView<T>(Matrix<T> m) => m.View;
}
