using GradientService.Core.Tensors;

namespace GradientService.Core.Losses;

/// <summary>
/// Softmax cross-entropy L = (1/B) Σ_i −log softmax(z_i)[y_i], computed stably in float64 (log-sum-exp);
/// ∂L/∂z_ij = (softmax(z_i)_j − [j = y_i]) / B.
/// </summary>
public sealed class CrossEntropyLoss<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override double Compute(MatrixView<T> logits, ReadOnlySpan<int> labels, ReadOnlySpan<T> targets, MatrixView<T>? gradient)
    {
        var rows = logits.Rows;
        var total = 0.0;
        for (var i = 0; i < rows; i++)
        {
            var z = logits.Row(i);
            var max = double.NegativeInfinity;
            foreach (var v in z) max = Math.Max(max, double.CreateTruncating(v));
            var sum = 0.0;
            foreach (var v in z) sum += Math.Exp(double.CreateTruncating(v) - max);
            var logSum = max + Math.Log(sum);
            var label = labels.IsEmpty ? ArgMax(targets.Slice(i * z.Length, z.Length)) : labels[i];
            total += logSum - double.CreateTruncating(z[label]);
            if (gradient is { } g)
            {
                var gi = g.Row(i);
                for (var j = 0; j < z.Length; j++)
                {
                    var p = Math.Exp(double.CreateTruncating(z[j]) - logSum);
                    gi[j] = T.CreateTruncating((p - (j == label ? 1.0 : 0.0)) / rows);
                }
            }
        }
        return total / rows;
    }

    private static int ArgMax(ReadOnlySpan<T> values)
    {
        var best = 0;
        for (var j = 1; j < values.Length; j++) if (values[j] > values[best]) best = j;
        return best;
    }
}
