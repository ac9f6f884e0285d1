using GradientService.Core.Probes;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;
using GradientService.Core.Theory;

namespace GradientService.Core.Recurrent;

/// <summary>
/// The recurrent probes. Sums over all T·B rows are taken inside the time loop's shares while the rows are still in cache,
/// one sum per step and granule (<see cref="GranuleSums"/>, [T × granules]), so they do not depend on the shares.
/// </summary>
internal sealed partial class RecurrentNet<T>
{
    private readonly int _granules;
    private readonly double[] _granuleSum;
    private readonly double[] _granuleSquares;
    private readonly double[] _granuleForget;
    private readonly double[] _granuleDelta;
    private readonly double[] _granuleLag;

    /// <summary>One alive mask [H] per share (see <see cref="Reductions.ActivationMoments{T}"/>).</summary>
    private readonly T[] _shareAlive;

    /// <summary>Per layer, σ_max(W_hh)'s last power-iteration vector: the next step's warm start.</summary>
    private readonly double[][] _sigmaStart;

    private readonly double[] _powerScratch;

    /// <summary>Whether this pass's shares take the probe sums (a training pass with a record).</summary>
    private bool _probing;

    /// <summary>Whether this backward pass's shares take the time-lag sums.</summary>
    private bool _lagging;

    public IReadOnlyList<(string Name, double[] Data)> ProbeState =>
        [.. _layers.Select(l => ($"probe.rnn.l{l.Index}.sigma_max_vector", _sigmaStart[l.Index]))];

    /// <summary>Step t's granule sums in a [T × granules] array.</summary>
    private Span<double> At(double[] sums, int t) => sums.AsSpan(t * _granules, _granules);

    /// <summary>Inside a forward share, after step t: Σh, Σh² and alive units; lstm's forget-gate sums.</summary>
    private void ProbeForwardRows(RecurrentLayer<T> layer, int t, BatchRows rows, int share)
    {
        var hidden = layer.Hidden;
        GranuleSums.Moments(RecurrentLayer<T>.At(layer.Output, t, rows, hidden), rows, At(_granuleSum, t), At(_granuleSquares, t),
            _shareAlive.AsSpan(share * hidden, hidden));
        if (layer.Cell == Architecture.Lstm)
            GranuleSums.ColumnSums(RecurrentLayer<T>.At(layer.Act, t, rows, 4 * hidden), rows, hidden, hidden, At(_granuleForget, t));
    }

    /// <summary>
    /// ∂L/∂h_t += the recurrent carry, granule by granule, each granule's Σ(∂L/∂h_t)² (the time-lag probe) taken in the
    /// same pass while it is in L1: the sums <see cref="GranuleSums.Squares{T}"/> gives, without a second pass and call.
    /// </summary>
    private void AddCarryTakingLag(MatrixView<T> dh, MatrixView<T> carry, BatchRows rows, int t)
    {
        var lag = At(_granuleLag, t);
        for (var start = 0; start < rows.Count; start += BatchRows.Granule)
        {
            var count = Math.Min(BatchRows.Granule, rows.Count - start);
            var granule = dh.RowSlice(start, count).Span;
            System.Numerics.Tensors.TensorPrimitives.Add(granule, carry.RowSlice(start, count).Span, granule);
            lag[(rows.Start + start) / BatchRows.Granule] = Reductions.SumOfSquares<T>(granule);
        }
    }

    /// <summary>Σ of every step's granule sums for a batch of <paramref name="batch"/>.</summary>
    private double Total(double[] sums, int batch)
    {
        var total = 0.0;
        for (var t = 0; t < _steps; t++) total += GranuleSums.Total(At(sums, t)[..GranuleSums.Count(batch)]);
        return total;
    }

    /// <summary>h statistics over every step and the batch; dead units are 0 at every step for every example.</summary>
    private void ProbeForward(RecurrentLayer<T> layer, int batch, ref LayerStats stats, RecurrentStats recurrent)
    {
        var count = (double)_steps * batch * layer.Hidden;
        stats.SetActivationMoments(Total(_granuleSum, batch), Total(_granuleSquares, batch), count);
        stats.DeadFraction = Reductions.DeadShare<T>(_shareAlive.AsSpan(0, _shares * layer.Hidden), layer.Hidden);
        recurrent.ForgetGateMean = layer.Cell == Architecture.Lstm ? Total(_granuleForget, batch) / count : double.NaN;
    }

    private void ProbeReadOut(MatrixView<T> logits, ref LayerStats stats)
    {
        var (sum, sumSquares) = Reductions.Moments<T>(logits.Span);
        stats.SetActivationMoments(sum, sumSquares, logits.Length);
        stats.SaturationFraction = 0;
        stats.DeadFraction = 0;
    }

    /// <summary>‖∂L/∂h_t‖ over the batch for every t, from the shares' granule sums.</summary>
    private void TimeLag(int batch, Span<double> timeLag)
    {
        for (var t = 0; t < _steps; t++) timeLag[t] = Math.Sqrt(GranuleSums.Total(At(_granuleLag, t)[..GranuleSums.Count(batch)]));
    }

    /// <summary>δ norm over every step and gate, saturation share, per-gate gradient norms, σ_max(W_hh) and γ·σ_max.</summary>
    private void ProbeBackward(RecurrentLayer<T> layer, int batch, int saturated, ref LayerStats stats, RecurrentStats recurrent)
    {
        var gh = layer.Gates * layer.Hidden;
        stats.PreactivationGradNorm = Math.Sqrt(Total(_granuleDelta, batch));
        stats.SaturationFraction = (double)saturated / ((double)_steps * batch * gh);
        for (var g = 0; g < layer.Gates; g++)
        {
            recurrent.InputGateGradNorms[g] = Math.Sqrt(Reductions.SumOfSquares<T>(
                layer.InputWeight.Grad.AsSpan(g * layer.Hidden * layer.Inputs, layer.Hidden * layer.Inputs)));
            recurrent.RecurrentGateGradNorms[g] = Math.Sqrt(Reductions.SumOfSquares<T>(
                layer.RecurrentWeight.Grad.AsSpan(g * layer.Hidden * layer.Hidden, layer.Hidden * layer.Hidden)));
        }
        recurrent.SigmaMax = SpectralNorm.Estimate<T>(layer.RecurrentWeight.Value, gh, layer.Hidden, _sigmaStart[layer.Index], _powerScratch);
        recurrent.BoundFactor = Gamma * recurrent.SigmaMax;
    }
}
