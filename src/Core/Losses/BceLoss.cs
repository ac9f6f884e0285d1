using GradientService.Core.Tensors;

namespace GradientService.Core.Losses;

/// <summary>
/// Binary cross-entropy on logits over all B·C elements (PyTorch's BCEWithLogitsLoss):
/// ℓ = max(z, 0) − z·t + log(1 + e^−|z|), L = Σℓ/(B·C); ∂L/∂z = (σ(z) − t)/(B·C).
/// </summary>
public sealed class BceLoss<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override double Compute(MatrixView<T> logits, ReadOnlySpan<int> labels, ReadOnlySpan<T> targets, MatrixView<T>? gradient)
    {
        var count = (double)logits.Rows * logits.Cols;
        var total = 0.0;
        for (var i = 0; i < logits.Rows; i++)
        {
            var z = logits.Row(i);
            var gi = gradient is { } g ? g.Row(i) : default;
            for (var j = 0; j < z.Length; j++)
            {
                var x = double.CreateTruncating(z[j]);
                var t = Target(labels, targets, i, j, logits.Cols);
                total += Math.Max(x, 0) - x * t + Math.Log(1 + Math.Exp(-Math.Abs(x)));
                if (!gi.IsEmpty) gi[j] = T.CreateTruncating((1 / (1 + Math.Exp(-x)) - t) / count);
            }
        }
        return total / count;
    }
}
