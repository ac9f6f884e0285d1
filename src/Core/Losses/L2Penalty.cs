using GradientService.Core.Layers;
using GradientService.Core.Tensors;

namespace GradientService.Core.Losses;

/// <summary>
/// The L2 penalty as the classic texts write it (Nielsen, ch. 3, eq. 87): C = C₀ + (λ/2n)Σw² over the weight matrices
/// (<see cref="ParameterRole.Weight"/>; biases and norm gains are not penalised), n = the training examples, not the batch.
/// Its gradient (λ/n)·W is added to each weight's gradient, so SGD's step is W ← (1 − ηλ/n)W − η∂C₀/∂W (eq. 93).
/// </summary>
internal sealed class L2Penalty<T>(double lambda, int examples, IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _weights = [.. parameters.Where(p => p.Role == ParameterRole.Weight)];
    private readonly int[] _indices = [.. parameters.Select((p, i) => (p, i)).Where(x => x.p.Role == ParameterRole.Weight).Select(x => x.i)];
    private readonly double _scale = lambda / examples;

    /// <summary>
    /// Adds (λ/n)·W to every weight's gradient and returns (λ/2n)Σw² (float64, in parameter order); when
    /// <paramref name="gradSquares"/> (per parameter of the net) is given, rewrites the weights' Σg² to the penalised gradient's.
    /// </summary>
    public double Apply(double[]? gradSquares)
    {
        var scale = T.CreateTruncating(_scale);
        var sum = 0.0;
        for (var k = 0; k < _weights.Length; k++)
        {
            var (w, g) = (_weights[k].Value, _weights[k].Grad);
            sum += Reductions.SumOfSquares<T>(w);
            for (var i = 0; i < w.Length; i++) g[i] += scale * w[i];
            if (gradSquares is not null) gradSquares[_indices[k]] = Reductions.SumOfSquares<T>(g);
        }
        return 0.5 * _scale * sum;
    }
}
