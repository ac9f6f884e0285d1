using GradientService.Core.Probes;
using GradientService.Core.Tensors;
using GradientService.Core.Training;

namespace GradientService.Core.Layers;

/// <summary>
/// The feedforward probes, each taken right after the pass that wrote its data, while that is still in cache. In batch
/// shares, the activation sums are taken inside each share, one entry per granule (<see cref="GranuleSums"/>), so they do
/// not depend on the shares; on the whole batch, after each layer's forward (wide layers, whose passes go layer by layer on
/// every thread: one layer per part on every thread after the pass). The backward probes (‖δ‖, saturation, each
/// parameter's Σg²) follow each layer's parameter gradients: in the same part, or on the whole batch after its backward
/// (wide layers: one layer per part after the pass).
/// </summary>
internal sealed partial class FeedForwardNet<T>
{
    private readonly Action<int, MatrixProduct<T>> _layerProbes;
    private readonly Action<int, MatrixProduct<T>> _gradPart;

    /// <summary>The parts of <see cref="BackwardProbesInParts"/>: layer, parameter in the layer, block; and each part's Σg².</summary>
    private readonly (int Layer, int Parameter, int Start, int Length)[] _gradParts;
    private readonly double[] _gradPartSquares;

    /// <summary>Saturated entries of each layer in each share, [shares × layers].</summary>
    private readonly int[] _shareSaturated;

    /// <summary>Index in <see cref="Parameters"/> of each layer's first parameter.</summary>
    private readonly int[] _firstParameter;

    /// <summary>The record this pass fills, or null.</summary>
    private StepRecord? _record;

    /// <summary>Where this backward pass writes Σ(∂L/∂p)², or null.</summary>
    private double[]? _squaresInto;

    /// <summary>Layer <paramref name="l"/>'s parameters' Σg² (when asked), and with a record ‖δ_l‖ and its saturated share, over the whole batch.</summary>
    private void LayerBackwardProbes(int l)
    {
        var layer = _layers[l];
        if (_squaresInto is { } squares)
            for (var j = 0; j < layer.Parameters.Count; j++) squares[_firstParameter[l] + j] = GradientSquares<T>.Of(layer.Parameters[j]);
        DeltaProbes(l);
    }

    /// <summary>
    /// The backward probes of the wide layers in parts on every thread: one part per block of each parameter
    /// (<see cref="TensorBlocks"/>), so nine 1024×1024 weights are 36 even parts rather than nine; a layer's ‖δ‖ rides with
    /// its first parameter's first block. Each parameter's Σg² is then its blocks' partials added in order, as
    /// <see cref="GradientSquares{T}.Of"/> adds them.
    /// </summary>
    private void BackwardProbesInParts()
    {
        _mm.ForEachPart(_gradParts.Length, _gradPart);
        if (_squaresInto is not { } squares) return;
        for (var part = 0; part < _gradParts.Length; part++)
        {
            var (l, j, start, _) = _gradParts[part];
            var i = _firstParameter[l] + j;
            squares[i] = (start == 0 ? 0 : squares[i]) + _gradPartSquares[part];
        }
    }

    private void GradPart(int part)
    {
        var (l, j, start, length) = _gradParts[part];
        if (_squaresInto is not null) _gradPartSquares[part] = Reductions.SumOfSquares<T>(_layers[l].Parameters[j].Grad.AsSpan(start, length));
        if (j == 0 && start == 0) DeltaProbes(l);
    }

    /// <summary>With a record, layer <paramref name="l"/>'s ‖δ_l‖ and its saturated share, over the whole batch.</summary>
    private void DeltaProbes(int l)
    {
        var layer = _layers[l];
        if (_record is null) return;
        var rows = _input.Rows;
        ref var stats = ref _record.Layers[l];
        stats.PreactivationGradNorm = Math.Sqrt(Reductions.SumOfSquares<T>(layer.Delta(rows).Span));
        if (layer.IsReadout) return;
        var saturated = 0;
        for (var share = 0; share < _shares; share++) saturated += _shareSaturated[share * _layers.Length + l];
        stats.SaturationFraction = (double)saturated / (rows * layer.Dense.Outputs);
    }

    /// <summary>The hierarchical-softmax head's Σg² (its gradients came from the loss) and probes, with its per-depth ‖∂L/∂W‖.</summary>
    private void HeadProbes(StepRecord? record, double[]? squares)
    {
        var head = Head!; // Called only when the net has one.
        var first = Parameters.Count - 2;
        if (squares is not null) (squares[first], squares[first + 1]) = head.GradSquares;
        if (record is null) return;
        head.Probe(ref record.Layers[^1]);
        for (var d = 0; d < head.DepthGradSquares.Length; d++) record.OutputDepthGradNorms[d] = Math.Sqrt(head.DepthGradSquares[d]);
    }

    /// <summary>A layer's activation sums and alive units over the rows <paramref name="r"/> (a share, or the whole batch as share 0).</summary>
    private static void ProbeRows(FeedForwardLayer<T> layer, BatchRows r, int share)
    {
        var alive = layer.Alive.AsSpan(share * layer.Dense.Outputs, layer.Dense.Outputs);
        alive.Clear();
        GranuleSums.Moments(r.Of(layer.IsReadout ? layer.Z(r.Batch) : layer.A(r.Batch)), r, layer.MomentSums, layer.MomentSquares, alive);
    }

    /// <summary>Every layer's activation mean, std and dead share from the sums of the pass's shares.</summary>
    private void ProbeForward(int rows, StepRecord record)
    {
        var used = GranuleSums.Count(rows);
        for (var l = 0; l < _layers.Length; l++)
        {
            var layer = _layers[l];
            ref var stats = ref record.Layers[l];
            stats.SetActivationMoments(GranuleSums.Total(layer.MomentSums.AsSpan(0, used)), GranuleSums.Total(layer.MomentSquares.AsSpan(0, used)), (double)rows * layer.Dense.Outputs);
            stats.DeadFraction = layer.IsReadout ? 0 : Reductions.DeadShare<T>(layer.Alive.AsSpan(0, _shares * layer.Dense.Outputs), layer.Dense.Outputs);
            if (layer.IsReadout) stats.SaturationFraction = 0;
        }
    }
}
