using GradientService.Core.Tensors;

namespace GradientService.Core.Tests.Tensors;

/// <summary>Arguments MatrixProduct refuses, and the degenerate shapes it accepts.</summary>
public sealed class MatrixProductValidationTests
{
    private static MatrixView<float> View(int rows, int cols, float fill = 1f)
    {
        var data = new float[rows * cols];
        Array.Fill(data, fill);
        return new MatrixView<float>(data, 0, rows, cols);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Multiply_InnerDimensionsDiffer_ThrowsArgumentExceptionAndLeavesCUntouched(bool transA, bool transB)
    {
        using var product = new MatrixProduct<float>();
        var a = transA ? View(5, 3) : View(3, 5);
        var b = transB ? View(4, 6) : View(6, 4); // op(B) has 6 rows; op(A) has 5 columns
        var c = View(3, 4, fill: 7f);
        Assert.Throws<ArgumentException>(() => product.Multiply(a, transA, b, transB, c));
        Assert.All(c.Data, x => Assert.Equal(7f, x));
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(4, 4)]
    [InlineData(4, 5)]
    public void Multiply_OutputShapeDiffers_ThrowsArgumentException(int rows, int cols)
    {
        using var product = new MatrixProduct<float>();
        Assert.Throws<ArgumentException>(() => product.Multiply(View(3, 2), false, View(2, 4), false, View(rows, cols)));
    }

    [Fact]
    public void Multiply_ViewPastItsArray_ThrowsArgumentException()
    {
        using var product = new MatrixProduct<float>();
        var a = new MatrixView<float>(new float[10], Offset: 4, Rows: 2, Cols: 4); // needs 12 elements
        Assert.Throws<ArgumentException>(() => product.Multiply(a, false, View(4, 2), false, View(2, 2)));
    }

    [Fact]
    public void Constructor_ZeroThreads_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MatrixProduct<float>(0));
    }

    [Fact]
    public void Constructor_HalfPrecision_ThrowsNotSupported()
    {
        Assert.Throws<NotSupportedException>(() => new MatrixProduct<Half>());
    }

    [Fact]
    public void Multiply_AfterDispose_ThrowsObjectDisposed()
    {
        var product = new MatrixProduct<float>(2);
        product.Dispose();
        Assert.Throws<ObjectDisposedException>(() => product.Multiply(View(2, 2), false, View(2, 2), false, View(2, 2)));
    }

    [Theory]
    [InlineData(false, 0f)]
    [InlineData(true, 7f)]
    public void Multiply_EmptyInnerDimension_ClearsOrKeepsC(bool accumulate, float expected)
    {
        using var product = new MatrixProduct<float>();
        var c = View(3, 4, fill: 7f);
        product.Multiply(View(3, 0), false, View(0, 4), false, c, accumulate);
        Assert.All(c.Data, x => Assert.Equal(expected, x));
    }
}
