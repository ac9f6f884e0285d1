using GradientService.Core.Layers;
using GradientService.Contracts.Spec;

namespace GradientService.Core.Clipping;

/// <summary>
/// Gradient clipping (Pascanu, Mikolov &amp; Bengio 2013) applied in place to a run's parameter gradients:
/// global-norm g ← g·min(1, τ/(‖g‖ + 10⁻⁶)) as torch.nn.utils.clip_grad_norm_; value g ← clamp(g, −c, c) as
/// clip_grad_value_; per-layer-norm the same as global-norm within each <see cref="Parameter{T}.Group"/>.
/// Gradients whose norm is NaN or ∞ are left untouched (the trainer marks the run diverged). No allocation per call.
/// </summary>
public sealed class GradientClipping<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Added to the norm before dividing, so a zero gradient never divides by zero: clip_coef = max_norm / (total_norm + 1e-6)
    /// in torch.nn.utils.clip_grad_norm_ (torch/nn/utils/clip_grad.py).
    /// </summary>
    public const double NormEpsilon = 1e-6;

    private readonly ClippingSpec _spec;
    private readonly IReadOnlyList<Parameter<T>> _parameters;
    private readonly double[] _groupSquares;
    private readonly bool[] _groupClipped;

    /// <summary>Clipping for <paramref name="parameters"/> (grouped by <see cref="Parameter{T}.Group"/>), buffers allocated once.</summary>
    public GradientClipping(ClippingSpec spec, IReadOnlyList<Parameter<T>> parameters)
    {
        _spec = spec;
        _parameters = parameters;
        var groups = parameters.Count == 0 ? 0 : parameters.Max(p => p.Group) + 1;
        _groupSquares = new double[groups];
        _groupClipped = new bool[groups];
    }

    /// <summary>
    /// Clips the gradients given <paramref name="gradSquares"/>[i] = Σ Grad² of parameter i (float64, as the probes
    /// computed them) and reports the norms before and after.
    /// </summary>
    public ClipResult Apply(ReadOnlySpan<double> gradSquares)
    {
        if (gradSquares.Length < _parameters.Count)
            throw new ArgumentException($"Need {_parameters.Count} sums of squares; got {gradSquares.Length}.", nameof(gradSquares));
        double total = 0;
        for (var i = 0; i < _parameters.Count; i++) total += gradSquares[i];
        var before = Math.Sqrt(total);
        if (!double.IsFinite(before)) return new ClipResult(before, before, 1, 0);
        return _spec.Mode switch
        {
            ClippingMode.GlobalNorm => GlobalNorm(before),
            ClippingMode.Value => Value(before, gradSquares),
            ClippingMode.PerLayerNorm => PerLayerNorm(before, gradSquares),
            _ => new ClipResult(before, before, 1, 0),
        };
    }

    private ClipResult GlobalNorm(double before)
    {
        var scale = _spec.Threshold / (before + NormEpsilon);
        if (!(scale < 1)) return new ClipResult(before, before, 1, 0);
        double after = 0;
        for (var i = 0; i < _parameters.Count; i++) after += ScaleInPlace(_parameters[i].Grad, scale);
        return new ClipResult(before, Math.Sqrt(after), scale, _groupSquares.Length);
    }

    private ClipResult Value(double before, ReadOnlySpan<double> gradSquares)
    {
        Array.Clear(_groupClipped);
        var limit = T.CreateTruncating(_spec.Threshold);
        double after = 0;
        for (var i = 0; i < _parameters.Count; i++)
        {
            var grad = _parameters[i].Grad.AsSpan();
            var clipped = false;
            double squares = 0;
            for (var j = 0; j < grad.Length; j++)
            {
                var g = grad[j];
                if (g > limit) (g, clipped) = (limit, true);
                else if (g < -limit) (g, clipped) = (-limit, true);
                grad[j] = g;
                var d = double.CreateTruncating(g);
                squares += d * d;
            }
            after += clipped ? squares : gradSquares[i];
            _groupClipped[_parameters[i].Group] |= clipped;
        }
        return Result(before, after);
    }

    private ClipResult PerLayerNorm(double before, ReadOnlySpan<double> gradSquares)
    {
        Array.Clear(_groupSquares);
        Array.Clear(_groupClipped);
        for (var i = 0; i < _parameters.Count; i++) _groupSquares[_parameters[i].Group] += gradSquares[i];
        double after = 0;
        for (var i = 0; i < _parameters.Count; i++)
        {
            var group = _parameters[i].Group;
            var scale = _spec.Threshold / (Math.Sqrt(_groupSquares[group]) + NormEpsilon);
            if (scale < 1)
            {
                after += ScaleInPlace(_parameters[i].Grad, scale);
                _groupClipped[group] = true;
            }
            else after += gradSquares[i];
        }
        return Result(before, after);
    }

    private ClipResult Result(double before, double afterSquares)
    {
        var groups = 0;
        foreach (var clipped in _groupClipped) if (clipped) groups++;
        if (groups == 0) return new ClipResult(before, before, 1, 0);
        var after = Math.Sqrt(afterSquares);
        return new ClipResult(before, after, before > 0 ? after / before : 1, groups);
    }

    /// <summary>g ← g·scale (scale cast to T, as PyTorch multiplies by a tensor of the gradient's dtype); returns Σ g² after.</summary>
    private static double ScaleInPlace(T[] gradient, double scale)
    {
        var s = T.CreateTruncating(scale);
        double squares = 0;
        var grad = gradient.AsSpan();
        for (var j = 0; j < grad.Length; j++)
        {
            grad[j] *= s;
            var d = double.CreateTruncating(grad[j]);
            squares += d * d;
        }
        return squares;
    }
}
