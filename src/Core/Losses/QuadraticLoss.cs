using GradientService.Core.Tensors;

namespace GradientService.Core.Losses;

/// <summary>
/// The quadratic cost of sigmoid output units (Nielsen, ch. 1, eq. 6; ch. 2): a = σ(z), L = (1/B) Σ_x ½‖y − a‖²;
/// ∂L/∂z = (a − y)·σ′(z)/B with σ′(z) = a(1 − a), the slope that makes saturated outputs learn slowly (ch. 3).
/// </summary>
public sealed class QuadraticLoss<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override double Compute(MatrixView<T> logits, ReadOnlySpan<int> labels, ReadOnlySpan<T> targets, MatrixView<T>? gradient)
    {
        var rows = logits.Rows;
        var total = 0.0;
        for (var i = 0; i < rows; i++)
        {
            var z = logits.Row(i);
            var gi = gradient is { } g ? g.Row(i) : default;
            for (var j = 0; j < z.Length; j++)
            {
                var a = 1 / (1 + Math.Exp(-double.CreateTruncating(z[j])));
                var diff = a - Target(labels, targets, i, j, logits.Cols);
                total += 0.5 * diff * diff;
                if (!gi.IsEmpty) gi[j] = T.CreateTruncating(diff * a * (1 - a) / rows);
            }
        }
        return total / rows;
    }
}
