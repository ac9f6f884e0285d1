using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using GradientService.Core.Tensors;

namespace GradientService.Core.Recurrent;

/// <summary>
/// LSTM with forget gate (Hochreiter &amp; Schmidhuber 1997; Gers et al. 2000), PyTorch's gate order i, f, g, o:
/// i = σ(·), f = σ(·), g = tanh(·), o = σ(·) of x W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh;
/// c_t = f ⊙ c_{t−1} + i ⊙ g, h_t = o ⊙ tanh(c_t). The cell path ∂c_t/∂c_{t−1} = diag(f) is the constant error carousel.
/// </summary>
internal static class LstmCell
{
    /// <summary>Step t for the examples <paramref name="rows"/>; <paramref name="whh"/> is W_hhᵀ packed.</summary>
    public static void Forward<T>(RecurrentLayer<T> layer, MatrixProduct<T> mm, PackedMatrix<T> whh, int t, BatchRows rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var h = layer.Hidden;
        var gh = 4 * h;
        var pre = RecurrentLayer<T>.At(layer.Pre, t, rows, gh);
        var hasPrevious = layer.HasPrevious(t);
        if (hasPrevious) mm.Multiply(RecurrentLayer<T>.Previous(layer.Output, layer.InitialHidden, t, rows, h), false, whh, pre, accumulate: true);
        CellMath.AddRowVector(pre, layer.RecurrentBias.Value);
        var act = RecurrentLayer<T>.At(layer.Act, t, rows, gh);
        var c = RecurrentLayer<T>.At(layer.Cell2, t, rows, h);
        var tc = RecurrentLayer<T>.At(layer.TanhCell, t, rows, h);
        var output = RecurrentLayer<T>.At(layer.Output, t, rows, h);
        for (var b = 0; b < rows.Count; b++)
        {
            var p = pre.Row(b);
            var a = act.Row(b);
            // Gate blocks i, f | g | o: two sigmoids side by side, one tanh, one sigmoid.
            TensorPrimitives.Sigmoid(p[..(2 * h)], a[..(2 * h)]);
            TensorPrimitives.Tanh(p.Slice(2 * h, h), a.Slice(2 * h, h));
            TensorPrimitives.Sigmoid(p.Slice(3 * h, h), a.Slice(3 * h, h));
            var cb = c.Row(b);
            TensorPrimitives.Multiply(a[..h], a.Slice(2 * h, h), cb);
            if (hasPrevious)
                TensorPrimitives.FusedMultiplyAdd(a.Slice(h, h), RecurrentLayer<T>.Previous(layer.Cell2, layer.InitialCell, t, rows, h).Row(b), cb, cb);
            var tcb = tc.Row(b);
            TensorPrimitives.Tanh(cb, tcb);
            TensorPrimitives.Multiply(a.Slice(3 * h, h), tcb, output.Row(b));
        }
    }

    /// <summary>
    /// From the total ∂L/∂h_t (OutputGrad) and ∂L/∂c_t through the carousel (CellCarry): the gate pre-activation gradients
    /// (PreGrad) and the new CellCarry = ∂L/∂c_t ⊙ f_t. Returns the saturated gate entries.
    /// </summary>
    public static int Backward<T>(RecurrentLayer<T> layer, int t, BatchRows rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var h = layer.Hidden;
        var gh = 4 * h;
        var act = RecurrentLayer<T>.At(layer.Act, t, rows, gh);
        var tc = RecurrentLayer<T>.At(layer.TanhCell, t, rows, h);
        var dh = RecurrentLayer<T>.At(layer.OutputGrad, t, rows, h);
        var dPre = RecurrentLayer<T>.At(layer.PreGrad, t, rows, gh);
        var cellCarry = RecurrentLayer<T>.Of(layer.CellCarry, rows, h);
        var sigmoidBelow = T.CreateTruncating(CellMath.SigmoidSaturatedBelow);
        var tanhBelow = T.CreateTruncating(CellMath.TanhSaturatedBelow);
        var saturated = 0;
        RecurrentLayer<T>.Of(layer.Carry, rows, h).Span.Clear();
        var hasPrevious = layer.HasPrevious(t);
        for (var b = 0; b < rows.Count; b++)
        {
            var cPrev = hasPrevious ? RecurrentLayer<T>.Previous(layer.Cell2, layer.InitialCell, t, rows, h).Row(b) : default;
            saturated += BackwardRow(act.Row(b), tc.Row(b), dh.Row(b), cPrev, cellCarry.Row(b), dPre.Row(b), h, sigmoidBelow, tanhBelow);
        }
        return saturated;
    }

    /// <summary>One example's gate gradients; Vector256 lanes first, the same formulas scalar on the tail.</summary>
    private static int BackwardRow<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> tc, ReadOnlySpan<T> dh, ReadOnlySpan<T> cPrev, Span<T> carry, Span<T> d,
        int h, T sigmoidBelow, T tanhBelow) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var saturated = 0;
        var j = 0;
        var hasPrevious = !cPrev.IsEmpty;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var one = Vector256<T>.One;
            var sb = Vector256.Create(sigmoidBelow);
            var tb = Vector256.Create(tanhBelow);
            var n = Vector256<T>.Count;
            for (; j <= h - n; j += n)
            {
                var i = Vector256.Create(a.Slice(j, n));
                var f = Vector256.Create(a.Slice(h + j, n));
                var g = Vector256.Create(a.Slice(2 * h + j, n));
                var o = Vector256.Create(a.Slice(3 * h + j, n));
                var tcv = Vector256.Create(tc.Slice(j, n));
                var dhv = Vector256.Create(dh.Slice(j, n));
                var dc = Vector256.Create((ReadOnlySpan<T>)carry.Slice(j, n)) + dhv * o * (one - tcv * tcv);
                var si = i * (one - i);
                var sf = f * (one - f);
                var sg = one - g * g;
                var so = o * (one - o);
                (dc * g * si).CopyTo(d.Slice(j, n));
                (hasPrevious ? dc * Vector256.Create(cPrev.Slice(j, n)) * sf : Vector256<T>.Zero).CopyTo(d.Slice(h + j, n));
                (dc * i * sg).CopyTo(d.Slice(2 * h + j, n));
                (dhv * tcv * so).CopyTo(d.Slice(3 * h + j, n));
                (dc * f).CopyTo(carry.Slice(j, n));
                saturated += BitOperations.PopCount(Vector256.ExtractMostSignificantBits(Vector256.LessThan(si, sb)))
                    + BitOperations.PopCount(Vector256.ExtractMostSignificantBits(Vector256.LessThan(sf, sb)))
                    + BitOperations.PopCount(Vector256.ExtractMostSignificantBits(Vector256.LessThan(sg, tb)))
                    + BitOperations.PopCount(Vector256.ExtractMostSignificantBits(Vector256.LessThan(so, sb)));
            }
        }
        for (; j < h; j++)
        {
            var (i, f, g, o) = (a[j], a[h + j], a[2 * h + j], a[3 * h + j]);
            var dc = carry[j] + dh[j] * o * (T.One - tc[j] * tc[j]);
            var si = i * (T.One - i);
            var sf = f * (T.One - f);
            var sg = T.One - g * g;
            var so = o * (T.One - o);
            d[j] = dc * g * si;
            d[h + j] = (hasPrevious ? dc * cPrev[j] : T.Zero) * sf;
            d[2 * h + j] = dc * i * sg;
            d[3 * h + j] = dh[j] * tc[j] * so;
            carry[j] = dc * f;
            if (si < sigmoidBelow) saturated++;
            if (sf < sigmoidBelow) saturated++;
            if (sg < tanhBelow) saturated++;
            if (so < sigmoidBelow) saturated++;
        }
        return saturated;
    }
}
