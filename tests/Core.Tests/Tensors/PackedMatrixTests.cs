using System.Numerics;
using GradientService.Core.Tensors;

namespace GradientService.Core.Tests.Tensors;

/// <summary>
/// A pre-packed B (what a recurrent layer does with W_hh) gives bitwise the product of the plain B, on odd shapes,
/// both transposes, accumulating or not, several k-slices, each kernel family, one and two threads; and the parts of
/// <see cref="MatrixProduct{T}.ForEachPart"/> each run once, on lanes of their own.
/// </summary>
public sealed class PackedMatrixTests
{
    public static TheoryData<int, int, int, bool, bool, int, string> Cases()
    {
        var data = new TheoryData<int, int, int, bool, bool, int, string>();
        foreach (var kernel in MatrixProductTests.SupportedKernels())
            foreach (var (m, k, n) in new[] { (1, 1, 1), (7, 13, 5), (16, 128, 512), (65, 129, 33), (19, 600, 45) })
                foreach (var transB in new[] { false, true })
                    foreach (var accumulate in new[] { false, true })
                        data.Add(m, k, n, transB, accumulate, m * n * k > 100_000 ? 2 : 1, kernel);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float_packed_B_is_bitwise_the_plain_product(int m, int k, int n, bool transB, bool accumulate, int threads, string kernel) =>
        AssertBitwiseEqual<float>(m, k, n, transB, accumulate, threads, Enum.Parse<GemmKernelKind>(kernel));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Double_packed_B_is_bitwise_the_plain_product(int m, int k, int n, bool transB, bool accumulate, int threads, string kernel) =>
        AssertBitwiseEqual<double>(m, k, n, transB, accumulate, threads, Enum.Parse<GemmKernelKind>(kernel));

    [Fact]
    public void A_packed_B_of_another_shape_is_refused()
    {
        using var product = new MatrixProduct<float>(1);
        var packed = new PackedMatrix<float>();
        product.Pack(new MatrixView<float>(new float[12], 0, 3, 4), transB: false, packed);
        var a = new MatrixView<float>(new float[10], 0, 2, 5);
        Assert.Throws<ArgumentException>(() => product.Multiply(a, false, packed, new MatrixView<float>(new float[8], 0, 2, 4)));
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 2)]
    [InlineData(2, 7)]
    public void ForEachPart_runs_every_part_once_on_a_lane_of_its_own(int threads, int parts)
    {
        using var product = new MatrixProduct<float>(threads);
        var runs = new int[parts];
        var lanes = new MatrixProduct<float>?[parts];
        product.ForEachPart(parts, (part, lane) =>
        {
            Interlocked.Increment(ref runs[part]);
            lanes[part] = lane;
            Assert.Equal(1, lane.Threads);
        });
        Assert.All(runs, r => Assert.Equal(1, r));
        Assert.All(lanes, l => Assert.NotNull(l));
    }

    private static void AssertBitwiseEqual<T>(int m, int k, int n, bool transB, bool accumulate, int threads, GemmKernelKind kernel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!MatrixProductTests.IsSupported<T>(kernel)) kernel = GemmKernelKind.Portable;
        var plain = new GemmCase<T>(m, k, n, transA: false, transB, seed: m * 31 + k * 7 + n);
        var packedCase = new GemmCase<T>(m, k, n, transA: false, transB, seed: m * 31 + k * 7 + n);
        using var product = new MatrixProduct<T>(threads, kernel);
        plain.Run(product, accumulate);
        var packed = new PackedMatrix<T>();
        product.Pack(packedCase.B, transB, packed);
        product.Multiply(packedCase.A, false, packed, packedCase.C, accumulate);
        Assert.Equal(plain.C.Data, packedCase.C.Data);
    }
}
