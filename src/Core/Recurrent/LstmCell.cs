using GradientService.Core.Tensors;

namespace GradientService.Core.Recurrent;

/// <summary>
/// LSTM with forget gate (Hochreiter &amp; Schmidhuber 1997; Gers et al. 2000), PyTorch's gate order i, f, g, o:
/// i = σ(·), f = σ(·), g = tanh(·), o = σ(·) of x W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh;
/// c_t = f ⊙ c_{t−1} + i ⊙ g, h_t = o ⊙ tanh(c_t). The cell path ∂c_t/∂c_{t−1} = diag(f) is the constant error carousel.
/// </summary>
internal static class LstmCell
{
    public static void Forward<T>(RecurrentLayer<T> layer, MatrixProduct<T> mm, int t, int batch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var h = layer.Hidden;
        var gh = 4 * h;
        var pre = RecurrentLayer<T>.At(layer.Pre, t, batch, gh);
        var hasPrevious = layer.HasPrevious(t);
        if (hasPrevious) mm.Multiply(RecurrentLayer<T>.Previous(layer.Output, layer.InitialHidden, t, batch, h), false, layer.Whh, true, pre, accumulate: true);
        CellMath.AddRowVector(pre, layer.RecurrentBias.Value);
        var act = RecurrentLayer<T>.At(layer.Act, t, batch, gh);
        var c = RecurrentLayer<T>.At(layer.Cell2, t, batch, h);
        var tc = RecurrentLayer<T>.At(layer.TanhCell, t, batch, h);
        var output = RecurrentLayer<T>.At(layer.Output, t, batch, h);
        for (var b = 0; b < batch; b++)
        {
            var p = pre.Row(b);
            var a = act.Row(b);
            var cb = c.Row(b);
            var tcb = tc.Row(b);
            var hb = output.Row(b);
            var cPrev = hasPrevious ? RecurrentLayer<T>.Previous(layer.Cell2, layer.InitialCell, t, batch, h).Row(b) : default;
            for (var j = 0; j < h; j++)
            {
                var i = CellMath.Sigmoid(p[j]);
                var f = CellMath.Sigmoid(p[h + j]);
                var g = T.Tanh(p[2 * h + j]);
                var o = CellMath.Sigmoid(p[3 * h + j]);
                (a[j], a[h + j], a[2 * h + j], a[3 * h + j]) = (i, f, g, o);
                var cell = i * g + (hasPrevious ? f * cPrev[j] : T.Zero);
                cb[j] = cell;
                tcb[j] = T.Tanh(cell);
                hb[j] = o * tcb[j];
            }
        }
    }

    /// <summary>
    /// From the total ∂L/∂h_t (OutputGrad) and ∂L/∂c_t through the carousel (CellCarry): the gate pre-activation gradients
    /// (PreGrad) and the new CellCarry = ∂L/∂c_t ⊙ f_t. Returns the saturated gate entries.
    /// </summary>
    public static int Backward<T>(RecurrentLayer<T> layer, int t, int batch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var h = layer.Hidden;
        var gh = 4 * h;
        var act = RecurrentLayer<T>.At(layer.Act, t, batch, gh);
        var tc = RecurrentLayer<T>.At(layer.TanhCell, t, batch, h);
        var dh = RecurrentLayer<T>.At(layer.OutputGrad, t, batch, h);
        var dPre = RecurrentLayer<T>.At(layer.PreGrad, t, batch, gh);
        var sigmoidBelow = T.CreateTruncating(CellMath.SigmoidSaturatedBelow);
        var tanhBelow = T.CreateTruncating(CellMath.TanhSaturatedBelow);
        var saturated = 0;
        layer.Carry.AsSpan(0, batch * h).Clear();
        var hasPrevious = layer.HasPrevious(t);
        for (var b = 0; b < batch; b++)
        {
            var a = act.Row(b);
            var tcb = tc.Row(b);
            var dhb = dh.Row(b);
            var d = dPre.Row(b);
            var carry = layer.CellCarry.AsSpan(b * h, h);
            var cPrev = hasPrevious ? RecurrentLayer<T>.Previous(layer.Cell2, layer.InitialCell, t, batch, h).Row(b) : default;
            for (var j = 0; j < h; j++)
            {
                var (i, f, g, o) = (a[j], a[h + j], a[2 * h + j], a[3 * h + j]);
                var dc = carry[j] + dhb[j] * o * (T.One - tcb[j] * tcb[j]);
                var si = i * (T.One - i);
                var sf = f * (T.One - f);
                var sg = T.One - g * g;
                var so = o * (T.One - o);
                d[j] = dc * g * si;
                d[h + j] = (hasPrevious ? dc * cPrev[j] : T.Zero) * sf;
                d[2 * h + j] = dc * i * sg;
                d[3 * h + j] = dhb[j] * tcb[j] * so;
                carry[j] = dc * f;
                if (si < sigmoidBelow) saturated++;
                if (sf < sigmoidBelow) saturated++;
                if (sg < tanhBelow) saturated++;
                if (so < sigmoidBelow) saturated++;
            }
        }
        return saturated;
    }
}
