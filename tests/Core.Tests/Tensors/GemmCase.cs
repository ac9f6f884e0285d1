using System.Numerics;
using GradientService.Core.Tensors;

namespace GradientService.Core.Tests.Tensors;

/// <summary>
/// One product op(A)[m×k]·op(B)[k×n] with its operands stored at an offset inside larger arrays whose
/// margins hold a sentinel, so reads or writes outside a view show up; values uniform in [−1, 1).
/// </summary>
internal sealed class GemmCase<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public const int Margin = 37;

    public GemmCase(int m, int k, int n, bool transA, bool transB, int seed)
    {
        (M, K, N, TransA, TransB) = (m, k, n, transA, transB);
        var rng = new Random(seed);
        A = Embed(transA ? k : m, transA ? m : k, rng);
        B = Embed(transB ? n : k, transB ? k : n, rng);
        C = Embed(m, n, rng);
        InitialC = (T[])C.Data.Clone();
    }

    public int M { get; }
    public int K { get; }
    public int N { get; }
    public bool TransA { get; }
    public bool TransB { get; }
    public MatrixView<T> A { get; }
    public MatrixView<T> B { get; }
    public MatrixView<T> C { get; }
    public T[] InitialC { get; }

    /// <summary>The sentinel in the margins: a quiet NaN a correct kernel never reads into C.</summary>
    public static T Sentinel => T.NaN;

    public void Run(MatrixProduct<T> product, bool accumulate) => product.Multiply(A, TransA, B, TransB, C, accumulate);

    public double OpA(int i, int p) => double.CreateChecked(TransA ? At(A, p, i) : At(A, i, p));

    public double OpB(int p, int j) => double.CreateChecked(TransB ? At(B, j, p) : At(B, p, j));

    public double InitialAt(int i, int j) => double.CreateChecked(InitialC[C.Offset + i * C.Cols + j]);

    private static T At(MatrixView<T> x, int i, int j) => x.Data[x.Offset + i * x.Cols + j];

    private static MatrixView<T> Embed(int rows, int cols, Random rng)
    {
        var data = new T[Margin + rows * cols + Margin];
        Array.Fill(data, Sentinel);
        for (var i = Margin; i < Margin + rows * cols; i++) data[i] = T.CreateChecked(rng.NextDouble() * 2 - 1);
        return new MatrixView<T>(data, Margin, rows, cols);
    }
}
