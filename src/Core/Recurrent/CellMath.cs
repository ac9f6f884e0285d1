using System.Numerics.Tensors;
using GradientService.Core.Tensors;

namespace GradientService.Core.Recurrent;

/// <summary>Small element-wise pieces shared by the cells.</summary>
internal static class CellMath
{
    /// <summary>Sigmoid's slope below 5% of its sup 1/4 counts as saturated.</summary>
    public const double SigmoidSaturatedBelow = 0.05 * 0.25;

    /// <summary>tanh's slope below 5% of its sup 1 counts as saturated.</summary>
    public const double TanhSaturatedBelow = 0.05;

    /// <summary>Adds <paramref name="v"/> to every row of <paramref name="m"/>.</summary>
    public static void AddRowVector<T>(MatrixView<T> m, ReadOnlySpan<T> v) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < m.Rows; i++) TensorPrimitives.Add(m.Row(i), v, m.Row(i));
    }

    /// <summary>Adds the column sums of <paramref name="m"/> to <paramref name="sums"/>.</summary>
    public static void AddColumnSums<T>(MatrixView<T> m, Span<T> sums) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < m.Rows; i++) TensorPrimitives.Add(sums, m.Row(i), sums);
    }

    public static T Sigmoid<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));
}
