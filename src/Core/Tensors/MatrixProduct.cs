using System.Numerics.Tensors;

namespace GradientService.Core.Tensors;

/// <summary>
/// The engine's one seam for matrix products: <c>C = op(A)·op(B)</c> (or <c>C += …</c>), row-major, where
/// op(X) is X or Xᵀ. One instance per run; it owns the run's thread budget and packing buffers. Results
/// are bitwise independent of the thread count (each element's sum over k runs in one fixed order).
/// </summary>
public sealed class MatrixProduct<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public MatrixProduct(int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Threads = threads;
    }

    /// <summary>How many cores the kernels may use (the worker's grant to this run).</summary>
    public int Threads { get; }

    /// <summary>
    /// C[m×n] = op(A)[m×k]·op(B)[k×n], or C += … when <paramref name="accumulate"/>. A is stored [m×k]
    /// (or [k×m] when <paramref name="transA"/>), B is stored [k×n] (or [n×k] when <paramref name="transB"/>).
    /// </summary>
    public void Multiply(MatrixView<T> a, bool transA, MatrixView<T> b, bool transB, MatrixView<T> c, bool accumulate = false)
    {
        var (m, k) = transA ? (a.Cols, a.Rows) : (a.Rows, a.Cols);
        var (kb, n) = transB ? (b.Cols, b.Rows) : (b.Rows, b.Cols);
        if (k != kb || c.Rows != m || c.Cols != n)
            throw new ArgumentException($"Shapes do not agree: op(A) {m}×{k}, op(B) {kb}×{n}, C {c.Rows}×{c.Cols}.");
        if (!accumulate) c.Span.Clear();
        switch (transA, transB)
        {
            case (false, false): MultiplyNN(a, b, c, m, k); break;
            case (false, true): MultiplyNT(a, b, c, m, n); break;
            case (true, false): MultiplyTN(a, b, c, m, k); break;
            default: MultiplyTT(a, b, c, m, n, k); break;
        }
    }

    private static void MultiplyNN(MatrixView<T> a, MatrixView<T> b, MatrixView<T> c, int m, int k)
    {
        for (var i = 0; i < m; i++)
        {
            var ci = c.Row(i);
            var ai = a.Row(i);
            for (var p = 0; p < k; p++) TensorPrimitives.MultiplyAdd(b.Row(p), ai[p], ci, ci);
        }
    }

    private static void MultiplyNT(MatrixView<T> a, MatrixView<T> b, MatrixView<T> c, int m, int n)
    {
        for (var i = 0; i < m; i++)
        {
            var ci = c.Row(i);
            var ai = a.Row(i);
            for (var j = 0; j < n; j++) ci[j] += TensorPrimitives.Dot<T>(ai, b.Row(j));
        }
    }

    private static void MultiplyTN(MatrixView<T> a, MatrixView<T> b, MatrixView<T> c, int m, int k)
    {
        for (var p = 0; p < k; p++)
        {
            var ap = a.Row(p);
            var bp = b.Row(p);
            for (var i = 0; i < m; i++) TensorPrimitives.MultiplyAdd(bp, ap[i], c.Row(i), c.Row(i));
        }
    }

    private static void MultiplyTT(MatrixView<T> a, MatrixView<T> b, MatrixView<T> c, int m, int n, int k)
    {
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                var sum = T.Zero;
                for (var p = 0; p < k; p++) sum += a.Data[a.Offset + p * a.Cols + i] * b.Data[b.Offset + j * b.Cols + p];
                c.Data[c.Offset + i * c.Cols + j] += sum;
            }
    }
}
