using GradientService.Core.Layers;
using GradientService.Core.Tensors;

namespace GradientService.Core.Training;

/// <summary>Σ(∂L/∂p)² of every parameter in float64, shared out over a run's threads parameter by parameter.</summary>
internal sealed class GradientSquares<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IReadOnlyList<Parameter<T>> _parameters;
    private readonly MatrixProduct<T> _mm;
    private readonly Action<int, MatrixProduct<T>> _part;
    private double[]? _into;

    public GradientSquares(IReadOnlyList<Parameter<T>> parameters, MatrixProduct<T> mm)
    {
        _parameters = parameters;
        _mm = mm;
        _part = (p, _) => _into![p] = Of(_parameters[p]);
    }

    /// <summary>Σ(∂L/∂p)² of one parameter, block by block (<see cref="TensorBlocks"/>).</summary>
    public static double Of(Parameter<T> p) => TensorBlocks.SumOfSquares<T>(p.Grad);

    /// <summary>Writes every parameter's Σ(∂L/∂p)² into <paramref name="into"/>, in the parameters' order.</summary>
    public void Fill(double[] into)
    {
        _into = into;
        _mm.ForEachPart(_parameters.Count, _part);
        _into = null;
    }
}
