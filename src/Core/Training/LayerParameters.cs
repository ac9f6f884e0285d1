using GradientService.Core.Layers;
using GradientService.Core.Probes;
using GradientService.Core.Tensors;

namespace GradientService.Core.Training;

/// <summary>Which parameters (by index) make up one linear layer, for the gradient and update probes.</summary>
internal sealed class LayerParameters(int[] weights, int[] biases, int[] all)
{
    public static LayerParameters[] Group<T>(IReadOnlyList<Parameter<T>> parameters, int layers) where T : unmanaged
    {
        var result = new LayerParameters[layers];
        for (var l = 0; l < layers; l++)
        {
            var members = Enumerable.Range(0, parameters.Count).Where(i => parameters[i].Group == l).ToArray();
            result[l] = new LayerParameters(
                [.. members.Where(i => parameters[i].Role == ParameterRole.Weight)],
                [.. members.Where(i => parameters[i].Role == ParameterRole.Bias)],
                members);
        }
        return result;
    }

    /// <summary>‖∂L/∂W‖, ‖∂L/∂b‖ and the non-finite count, from per-parameter Σg².</summary>
    public void ProbeGradients<T>(ref LayerStats stats, ReadOnlySpan<double> gradSquares, IReadOnlyList<Parameter<T>> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        stats.WeightGradNorm = Math.Sqrt(Sum(weights, gradSquares));
        stats.BiasGradNorm = Math.Sqrt(Sum(biases, gradSquares));
        var nonFinite = 0;
        foreach (var i in all)
            if (!double.IsFinite(gradSquares[i])) nonFinite += Reductions.CountNonFinite<T>(parameters[i].Grad);
        stats.NonFiniteGradCount = nonFinite;
    }

    /// <summary>‖W‖ before the update and ‖ΔW‖/‖W‖, from the optimizer's per-parameter sums.</summary>
    public void ProbeUpdate(ref LayerStats stats, ReadOnlySpan<double> deltaSquares, ReadOnlySpan<double> valueSquares)
    {
        var weightNorm = Math.Sqrt(Sum(weights, valueSquares));
        stats.WeightNorm = weightNorm;
        stats.UpdateRatio = weightNorm > 0 ? Math.Sqrt(Sum(weights, deltaSquares)) / weightNorm : 0;
    }

    private static double Sum(int[] indices, ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var i in indices) sum += values[i];
        return sum;
    }
}
