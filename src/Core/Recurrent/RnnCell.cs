using GradientService.Core.Activations;
using GradientService.Core.Tensors;

namespace GradientService.Core.Recurrent;

/// <summary>
/// Elman cell: h_t = φ(x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh). Backward: δ_t = ∂L/∂h_t ⊙ φ′(z_t), and
/// ∂L/∂h_{t−1} = δ_t W_hh, so ∂h_t/∂h_k = Π W_hhᵀ diag(φ′(z_i)) (Pascanu et al. 2013).
/// </summary>
internal static class RnnCell
{
    /// <summary>Completes z_t (Pre already holds the input part) and writes h_t; <paramref name="whh"/> is W_hhᵀ packed.</summary>
    public static void Forward<T>(RecurrentLayer<T> layer, Activation<T> activation, MatrixProduct<T> mm, PackedMatrix<T> whh, int t, BatchRows rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var h = layer.Hidden;
        var z = RecurrentLayer<T>.At(layer.Pre, t, rows, h);
        if (layer.HasPrevious(t)) mm.Multiply(RecurrentLayer<T>.Previous(layer.Output, layer.InitialHidden, t, rows, h), false, whh, z, accumulate: true);
        CellMath.AddRowVector(z, layer.RecurrentBias.Value);
        activation.Forward(z.Span, RecurrentLayer<T>.At(layer.Output, t, rows, h).Span);
    }

    /// <summary>δ_t from the total ∂L/∂h_t (in OutputGrad); returns the saturated entries. Clears the direct carry (rnn has none).</summary>
    public static int Backward<T>(RecurrentLayer<T> layer, Activation<T> activation, int t, BatchRows rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var h = layer.Hidden;
        RecurrentLayer<T>.Of(layer.Carry, rows, h).Span.Clear();
        return activation.Backward(
            RecurrentLayer<T>.At(layer.Pre, t, rows, h).Span,
            RecurrentLayer<T>.At(layer.Output, t, rows, h).Span,
            RecurrentLayer<T>.At(layer.OutputGrad, t, rows, h).Span,
            RecurrentLayer<T>.At(layer.PreGrad, t, rows, h).Span);
    }

    /// <summary>
    /// <see cref="Backward{T}"/> for a float tanh cell that also writes each granule's Σδ² (the ‖δ‖ probe) into its entry
    /// of <paramref name="squares"/>, taken in the pass that writes δ (<see cref="TanhDeltaSquares"/>).
    /// </summary>
    public static int BackwardTakingSquares<T>(RecurrentLayer<T> layer, int t, BatchRows rows, Span<double> squares, float saturatedBelow)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var h = layer.Hidden;
        RecurrentLayer<T>.Of(layer.Carry, rows, h).Span.Clear();
        var a = Floats(RecurrentLayer<T>.At(layer.Output, t, rows, h).Span);
        var g = Floats(RecurrentLayer<T>.At(layer.OutputGrad, t, rows, h).Span);
        var delta = Floats(RecurrentLayer<T>.At(layer.PreGrad, t, rows, h).Span);
        var saturated = 0;
        for (var start = 0; start < rows.Count; start += BatchRows.Granule)
        {
            var (offset, length) = (start * h, Math.Min(BatchRows.Granule, rows.Count - start) * h);
            (var count, squares[(rows.Start + start) / BatchRows.Granule]) =
                TanhDeltaSquares.Backward(a.Slice(offset, length), g.Slice(offset, length), delta.Slice(offset, length), saturatedBelow);
            saturated += count;
        }
        return saturated;
    }

    private static Span<float> Floats<T>(Span<T> x) where T : unmanaged => System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(x);
}
