using System.Numerics;
using GradientService.Core.Tensors;

namespace GradientService.Core.Tests.Tensors;

/// <summary>
/// MatrixProduct against a float64 reference Σ_p op(A)(i,p)·op(B)(p,j) (+ C₀ when accumulating), on odd
/// shapes (not multiples of any tile or vector width), operands at non-zero offsets, every transpose pair,
/// every kernel family this machine can run, float and double.
/// Tolerance per element (Higham, Accuracy and Stability of Numerical Algorithms, §3.1: |fl(Σ) − Σ| ≤ γ_k Σ|x_p|):
/// |C − ref| ≤ (k + 2)·ε·(Σ_p |op(A)(i,p)·op(B)(p,j)| + |C₀(i,j)|), ε the machine epsilon of T.
/// </summary>
public sealed class MatrixProductTests
{
    private static readonly (int M, int K, int N)[] Shapes =
    [
        (1, 1, 1), (7, 13, 5), (65, 129, 33), (1, 300, 1), (300, 1, 7), (9, 17, 33), (33, 64, 47), (257, 130, 515),
    ];

    public static TheoryData<int, int, int, bool, bool, bool, int, string> Cases()
    {
        var data = new TheoryData<int, int, int, bool, bool, bool, int, string>();
        foreach (var kernel in SupportedKernels())
            foreach (var (m, k, n) in Shapes)
                foreach (var transA in new[] { false, true })
                    foreach (var transB in new[] { false, true })
                        foreach (var accumulate in new[] { false, true })
                            data.Add(m, k, n, transA, transB, accumulate, m * n * k > 100_000 ? 2 : 1, kernel);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Multiply_Float_MatchesFloat64Reference(int m, int k, int n, bool transA, bool transB, bool accumulate, int threads, string kernel) =>
        AssertMatchesReference<float>(m, k, n, transA, transB, accumulate, threads, Enum.Parse<GemmKernelKind>(kernel));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Multiply_Double_MatchesFloat64Reference(int m, int k, int n, bool transA, bool transB, bool accumulate, int threads, string kernel) =>
        AssertMatchesReference<double>(m, k, n, transA, transB, accumulate, threads, Enum.Parse<GemmKernelKind>(kernel));

    [Fact]
    public void Multiply_DeepK_MatchesReferenceAcrossKSlices()
    {
        // k = 1000 spans several k-slices, so C is read back and added to between slices.
        AssertMatchesReference<float>(19, 1000, 45, transA: false, transB: true, accumulate: true, threads: 2, GemmKernelKind.Avx512);
    }

    [Fact]
    public void Multiply_FewRowsOverSeveralColumnBlocks_MatchesReference()
    {
        // 40 rows × 3 k-slices of 200 against 1100 columns (two column blocks): each A slice is packed once for both.
        AssertMatchesReference<float>(37, 600, 1100, transA: true, transB: false, accumulate: true, threads: 1, GemmKernelKind.Avx512);
    }

    private static void AssertMatchesReference<T>(int m, int k, int n, bool transA, bool transB, bool accumulate, int threads, GemmKernelKind kernel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!IsSupported<T>(kernel)) kernel = GemmKernelKind.Portable;
        var g = new GemmCase<T>(m, k, n, transA, transB, seed: m * 1_000_003 + k * 1009 + n);
        using var product = new MatrixProduct<T>(threads, kernel);
        g.Run(product, accumulate);

        var eps = typeof(T) == typeof(float) ? Math.Pow(2, -23) : Math.Pow(2, -52); // ulp of 1: 2⁻²³, 2⁻⁵²
        var (opA, opB) = (new double[m, k], new double[k, n]);
        for (var i = 0; i < m; i++) for (var p = 0; p < k; p++) opA[i, p] = g.OpA(i, p);
        for (var p = 0; p < k; p++) for (var j = 0; j < n; j++) opB[p, j] = g.OpB(p, j);
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                double sum = 0, magnitude = 0;
                for (var p = 0; p < k; p++)
                {
                    var term = opA[i, p] * opB[p, j];
                    sum += term;
                    magnitude += Math.Abs(term);
                }
                var c0 = accumulate ? g.InitialAt(i, j) : 0;
                var expected = sum + c0;
                var actual = double.CreateChecked(g.C.Data[g.C.Offset + i * n + j]);
                var bound = (k + 2) * eps * (magnitude + Math.Abs(c0));
                if (!(Math.Abs(actual - expected) <= bound))
                    Assert.Fail($"C[{i},{j}] = {actual}, expected {expected} ± {bound}");
            }
        AssertMarginsUntouched(g);
    }

    private static void AssertMarginsUntouched<T>(GemmCase<T> g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = g.C.Data;
        for (var i = 0; i < GemmCase<T>.Margin; i++)
        {
            Assert.True(T.IsNaN(data[i]), $"C's storage before the view was written at {i}");
            Assert.True(T.IsNaN(data[^(i + 1)]), $"C's storage after the view was written at {data.Length - 1 - i}");
        }
    }

    internal static IEnumerable<string> SupportedKernels()
    {
        yield return nameof(GemmKernelKind.Portable);
        if (GemmKernel256<float>.IsSupported) yield return nameof(GemmKernelKind.Avx2);
        if (GemmKernel512<float>.IsSupported) yield return nameof(GemmKernelKind.Avx512);
    }

    internal static bool IsSupported<T>(GemmKernelKind kernel) where T : unmanaged => kernel switch
    {
        GemmKernelKind.Avx512 => GemmKernel512<T>.IsSupported,
        GemmKernelKind.Avx2 => GemmKernel256<T>.IsSupported,
        _ => true,
    };
}
