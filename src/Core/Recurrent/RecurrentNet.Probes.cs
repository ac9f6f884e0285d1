using GradientService.Core.Probes;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;
using GradientService.Core.Theory;

namespace GradientService.Core.Recurrent;

internal sealed partial class RecurrentNet<T>
{
    /// <summary>h statistics over every step and the batch; dead units are 0 at every step for every example.</summary>
    private void ProbeForward(RecurrentLayer<T> layer, int batch, ref LayerStats stats, RecurrentStats recurrent)
    {
        var h = RecurrentLayer<T>.All(layer.Output, _steps, batch, layer.Hidden);
        var (sum, sumSquares, dead) = Reductions.ActivationStats(h, _alive);
        stats.SetActivationMoments(sum, sumSquares, h.Length);
        stats.DeadFraction = dead;
        recurrent.ForgetGateMean = layer.Cell == Architecture.Lstm ? ForgetMean(layer, batch) : double.NaN;
    }

    private void ProbeReadOut(MatrixView<T> logits, ref LayerStats stats)
    {
        var (sum, sumSquares) = Reductions.Moments<T>(logits.Span);
        stats.SetActivationMoments(sum, sumSquares, logits.Length);
        stats.SaturationFraction = 0;
        stats.DeadFraction = 0;
    }

    /// <summary>δ norm over every step and gate, saturation share, per-gate gradient norms, σ_max(W_hh) and γ·σ_max.</summary>
    private void ProbeBackward(RecurrentLayer<T> layer, int batch, int saturated, ref LayerStats stats, RecurrentStats recurrent)
    {
        var gh = layer.Gates * layer.Hidden;
        stats.PreactivationGradNorm = Math.Sqrt(Reductions.SumOfSquares<T>(RecurrentLayer<T>.All(layer.PreGrad, _steps, batch, gh).Span));
        stats.SaturationFraction = (double)saturated / ((double)_steps * batch * gh);
        for (var g = 0; g < layer.Gates; g++)
        {
            recurrent.InputGateGradNorms[g] = Math.Sqrt(Reductions.SumOfSquares<T>(
                layer.InputWeight.Grad.AsSpan(g * layer.Hidden * layer.Inputs, layer.Hidden * layer.Inputs)));
            recurrent.RecurrentGateGradNorms[g] = Math.Sqrt(Reductions.SumOfSquares<T>(
                layer.RecurrentWeight.Grad.AsSpan(g * layer.Hidden * layer.Hidden, layer.Hidden * layer.Hidden)));
        }
        recurrent.SigmaMax = SpectralNorm.Estimate<T>(layer.RecurrentWeight.Value, gh, layer.Hidden, _powerScratch);
        recurrent.BoundFactor = Gamma * recurrent.SigmaMax;
    }

    private double ForgetMean(RecurrentLayer<T> layer, int batch)
    {
        var h = layer.Hidden;
        var act = RecurrentLayer<T>.All(layer.Act, _steps, batch, 4 * h);
        var sum = 0.0;
        for (var i = 0; i < act.Rows; i++) sum += Reductions.Moments<T>(act.Row(i).Slice(h, h)).Sum;
        return sum / ((double)act.Rows * h);
    }
}
