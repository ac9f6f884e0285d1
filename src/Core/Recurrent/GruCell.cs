using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using GradientService.Core.Tensors;

namespace GradientService.Core.Recurrent;

/// <summary>
/// GRU (Cho et al. 2014) in PyTorch's form and gate order r, z, n:
/// r = σ(x W_irᵀ + b_ir + h W_hrᵀ + b_hr), z = σ(x W_izᵀ + b_iz + h W_hzᵀ + b_hz),
/// n = tanh(x W_inᵀ + b_in + r ⊙ (h W_hnᵀ + b_hn)), h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}.
/// </summary>
internal static class GruCell
{
    /// <summary>Step t for the examples <paramref name="rows"/>; <paramref name="whh"/> is W_hhᵀ packed.</summary>
    public static void Forward<T>(RecurrentLayer<T> layer, MatrixProduct<T> mm, PackedMatrix<T> whh, int t, BatchRows rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var h = layer.Hidden;
        var gh = 3 * h;
        var hh = RecurrentLayer<T>.Of(layer.StepScratch, rows, gh);
        var hasPrevious = layer.HasPrevious(t);
        if (hasPrevious) mm.Multiply(RecurrentLayer<T>.Previous(layer.Output, layer.InitialHidden, t, rows, h), false, whh, hh);
        else hh.Span.Clear();
        CellMath.AddRowVector(hh, layer.RecurrentBias.Value);
        var pre = RecurrentLayer<T>.At(layer.Pre, t, rows, gh);
        var act = RecurrentLayer<T>.At(layer.Act, t, rows, gh);
        var hn = RecurrentLayer<T>.At(layer.RecurrentPre, t, rows, h);
        var output = RecurrentLayer<T>.At(layer.Output, t, rows, h);
        for (var b = 0; b < rows.Count; b++)
        {
            var x = pre.Row(b);
            var r2 = hh.Row(b);
            var a = act.Row(b);
            var r = a[..h];
            var z = a.Slice(h, h);
            var n = a.Slice(2 * h, h);
            // r and z side by side: σ(x + hh) over the first 2H columns.
            TensorPrimitives.Add(x[..(2 * h)], r2[..(2 * h)], a[..(2 * h)]);
            TensorPrimitives.Sigmoid(a[..(2 * h)], a[..(2 * h)]);
            var hnb = hn.Row(b);
            r2.Slice(2 * h, h).CopyTo(hnb);
            TensorPrimitives.FusedMultiplyAdd(r, hnb, x.Slice(2 * h, h), n);
            TensorPrimitives.Tanh(n, n);
            // h = (1 − z) ⊙ n + z ⊙ h_{t−1} = n + z ⊙ (h_{t−1} − n)
            var hb = output.Row(b);
            if (hasPrevious)
                TensorPrimitives.Subtract(RecurrentLayer<T>.Previous(layer.Output, layer.InitialHidden, t, rows, h).Row(b), n, hb);
            else
                TensorPrimitives.Negate(n, hb);
            TensorPrimitives.FusedMultiplyAdd(z, hb, n, hb);
        }
    }

    /// <summary>
    /// From the total ∂L/∂h_t: input-side gradients [dr, dz, dn] (PreGrad), recurrent-side [dr, dz, dn ⊙ r]
    /// (RecurrentPreGrad), and the direct part z ⊙ ∂L/∂h_t of ∂L/∂h_{t−1} (Carry). Returns the saturated gate entries.
    /// </summary>
    public static int Backward<T>(RecurrentLayer<T> layer, int t, BatchRows rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var h = layer.Hidden;
        var gh = 3 * h;
        var act = RecurrentLayer<T>.At(layer.Act, t, rows, gh);
        var hn = RecurrentLayer<T>.At(layer.RecurrentPre, t, rows, h);
        var dh = RecurrentLayer<T>.At(layer.OutputGrad, t, rows, h);
        var dPre = RecurrentLayer<T>.At(layer.PreGrad, t, rows, gh);
        var dRec = RecurrentLayer<T>.At(layer.RecurrentPreGrad, t, rows, gh);
        var carry = RecurrentLayer<T>.Of(layer.Carry, rows, h);
        var sigmoidBelow = T.CreateTruncating(CellMath.SigmoidSaturatedBelow);
        var tanhBelow = T.CreateTruncating(CellMath.TanhSaturatedBelow);
        var saturated = 0;
        var hasPrevious = layer.HasPrevious(t);
        for (var b = 0; b < rows.Count; b++)
        {
            var hPrev = hasPrevious ? RecurrentLayer<T>.Previous(layer.Output, layer.InitialHidden, t, rows, h).Row(b) : default;
            saturated += BackwardRow(act.Row(b), hn.Row(b), dh.Row(b), hPrev, dPre.Row(b), dRec.Row(b), carry.Row(b), h, sigmoidBelow, tanhBelow);
        }
        return saturated;
    }

    /// <summary>One example's gate gradients; Vector256 lanes first, the same formulas scalar on the tail.</summary>
    private static int BackwardRow<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> hn, ReadOnlySpan<T> dh, ReadOnlySpan<T> hPrev, Span<T> d, Span<T> dRec,
        Span<T> carry, int h, T sigmoidBelow, T tanhBelow) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var saturated = 0;
        var j = 0;
        var hasPrevious = !hPrev.IsEmpty;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var one = Vector256<T>.One;
            var sb = Vector256.Create(sigmoidBelow);
            var tb = Vector256.Create(tanhBelow);
            var n = Vector256<T>.Count;
            for (; j <= h - n; j += n)
            {
                var r = Vector256.Create(a.Slice(j, n));
                var z = Vector256.Create(a.Slice(h + j, n));
                var nv = Vector256.Create(a.Slice(2 * h + j, n));
                var dhv = Vector256.Create(dh.Slice(j, n));
                var prev = hasPrevious ? Vector256.Create(hPrev.Slice(j, n)) : Vector256<T>.Zero;
                var sr = r * (one - r);
                var sz = z * (one - z);
                var sn = one - nv * nv;
                var dn = dhv * (one - z) * sn;
                var dz = dhv * (prev - nv) * sz;
                var dr = dn * Vector256.Create(hn.Slice(j, n)) * sr;
                dr.CopyTo(d.Slice(j, n));
                dz.CopyTo(d.Slice(h + j, n));
                dn.CopyTo(d.Slice(2 * h + j, n));
                dr.CopyTo(dRec.Slice(j, n));
                dz.CopyTo(dRec.Slice(h + j, n));
                (dn * r).CopyTo(dRec.Slice(2 * h + j, n));
                (dhv * z).CopyTo(carry.Slice(j, n));
                saturated += BitOperations.PopCount(Vector256.ExtractMostSignificantBits(Vector256.LessThan(sr, sb)))
                    + BitOperations.PopCount(Vector256.ExtractMostSignificantBits(Vector256.LessThan(sz, sb)))
                    + BitOperations.PopCount(Vector256.ExtractMostSignificantBits(Vector256.LessThan(sn, tb)));
            }
        }
        for (; j < h; j++)
        {
            var (r, z, nj) = (a[j], a[h + j], a[2 * h + j]);
            var prev = hasPrevious ? hPrev[j] : T.Zero;
            var sr = r * (T.One - r);
            var sz = z * (T.One - z);
            var sn = T.One - nj * nj;
            var dn = dh[j] * (T.One - z) * sn;
            var dz = dh[j] * (prev - nj) * sz;
            var dr = dn * hn[j] * sr;
            (d[j], d[h + j], d[2 * h + j]) = (dr, dz, dn);
            (dRec[j], dRec[h + j], dRec[2 * h + j]) = (dr, dz, dn * r);
            carry[j] = dh[j] * z;
            if (sr < sigmoidBelow) saturated++;
            if (sz < sigmoidBelow) saturated++;
            if (sn < tanhBelow) saturated++;
        }
        return saturated;
    }
}
