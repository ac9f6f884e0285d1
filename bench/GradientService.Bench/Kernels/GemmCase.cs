using System.Numerics;
using GradientService.Core.Tensors;

namespace GradientService.Bench.Kernels;

/// <summary>Operands for one timed product: op(A)[m×k]·op(B)[k×n] into C[m×n], seeded values in [−1, 1).</summary>
internal sealed class GemmCase<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public GemmCase(int m, int k, int n, bool transA, bool transB)
    {
        (M, K, N, TransA, TransB) = (m, k, n, transA, transB);
        var rng = new Random(20261122);
        A = Fill(transA ? k : m, transA ? m : k, rng);
        B = Fill(transB ? n : k, transB ? k : n, rng);
        C = new MatrixView<T>(new T[m * n], 0, m, n);
    }

    public int M { get; }
    public int K { get; }
    public int N { get; }
    public bool TransA { get; }
    public bool TransB { get; }
    public MatrixView<T> A { get; }
    public MatrixView<T> B { get; }
    public MatrixView<T> C { get; }

    public double Flops => 2.0 * M * N * K;

    public void Run(MatrixProduct<T> product) => product.Multiply(A, TransA, B, TransB, C);

    private static MatrixView<T> Fill(int rows, int cols, Random rng)
    {
        var data = new T[rows * cols];
        for (var i = 0; i < data.Length; i++) data[i] = T.CreateChecked(rng.NextDouble() * 2 - 1);
        return new MatrixView<T>(data, 0, rows, cols);
    }
}
