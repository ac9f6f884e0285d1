using GradientService.Core.Tensors;

namespace GradientService.Core.Losses;

/// <summary>Mean squared error over all B·C elements (PyTorch's nn.MSELoss, no ½): L = Σ(z − t)²/(B·C); ∂L/∂z = 2(z − t)/(B·C).</summary>
public sealed class MseLoss<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
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
                var diff = double.CreateTruncating(z[j]) - Target(labels, targets, i, j, logits.Cols);
                total += diff * diff;
                if (!gi.IsEmpty) gi[j] = T.CreateTruncating(2 * diff / count);
            }
        }
        return total / count;
    }
}
