using System.Runtime.InteropServices;
using GradientService.Contracts.Metrics;
using GradientService.Core.Probes;
using GradientService.Core.Tensors;

namespace GradientService.Core.Convolution;

/// <summary>
/// The cnn's probes, one telemetry row per conv2d, linear and residual entry (<see cref="CnnRow"/>), over the whole
/// batch and feature map: the activation statistics and dead channels of the row's last folded entry's output (one pass on every thread), ‖δ‖
/// (conv, linear: ‖∂L/∂z‖ of the entry's own output before bn and φ; residual: ‖∂L/∂x‖ at the block's input), ‖∂L/∂
/// output‖ of the row's last entry, and for a residual block the parts of ∂L/∂x through its branch and its shortcut.
/// Each row's probes are taken as the pass reaches it (forward: after its last entry; backward: after its first), while
/// its maps are still in cache; backward, each norm over a whole map on one thread and the row's maps on every thread at
/// once (<see cref="SquareSums{T}"/>); a map's norm is taken once (a residual block's ‖∂L/∂x‖ is the row below's ‖∂L/∂ output‖).
/// The parameter norms come from the trainer (each parameter's Group is its row). docs/engine.md, "Convolutional nets".
/// </summary>
internal sealed partial class CnnNet<T>
{
    /// <summary>Per share, per column of the row's output: non-zero bits where the share has a non-zero entry.</summary>
    private readonly T[] _shareAlive;

    /// <summary>The forward probe's Σy and Σy² per granule of the batch (<see cref="GranuleSums"/>).</summary>
    private readonly double[] _granuleSum, _granuleSquares;

    private readonly Action<int, MatrixProduct<T>> _forwardProbeShare;

    /// <summary>The output the forward probe's shares read, and how many shares there are.</summary>
    private MatrixView<T> _probed;
    private int _probeShares;

    /// <summary>The backward probes' norms, a row's maps on every thread at once.</summary>
    private readonly SquareSums<T> _norms;

    /// <summary>The last ‖∂L/∂ entry output‖ taken: its entry and value (a residual block's ∂L/∂x, the row below's output gradient).</summary>
    private (int Entry, double Norm) _knownGradNorm = (-1, 0);

    /// <summary>
    /// Row <paramref name="l"/>'s forward probes, right after its last entry's forward: one pass over the output, cut into
    /// shares on every thread, taking Σy, Σy² per granule and the columns alive per share, so the totals do not depend on the cut.
    /// </summary>
    private void ProbeForward(int l, int rows, StepRecord record)
    {
        var row = _rows[l];
        var y = _probed = Y(row.Last, rows);
        _probeShares = BatchRows.Shares(rows, _mm.Threads);
        _shareAlive.AsSpan(0, _probeShares * y.Cols).Clear();
        _mm.ForEachPart(_probeShares, _forwardProbeShare);
        var granules = GranuleSums.Count(rows);
        ref var stats = ref record.Layers[l];
        stats.SetActivationMoments(GranuleSums.Total(_granuleSum.AsSpan(0, granules)), GranuleSums.Total(_granuleSquares.AsSpan(0, granules)), y.Length);
        stats.DeadFraction = row.IsReadout ? 0 : DeadChannels(_entries[row.Last].Out);
    }

    private void ForwardProbeShare(int share, MatrixProduct<T> mm)
    {
        var y = _probed;
        var r = BatchRows.Share(y.Rows, share, _probeShares);
        if (r.Count > 0) GranuleSums.Moments(r.Of(y), r, _granuleSum, _granuleSquares, _shareAlive.AsSpan(share * y.Cols, y.Cols));
    }

    /// <summary>Share of channels (units, for a flat output) that are 0 at every example and position: no share saw one alive.</summary>
    private double DeadChannels(FeatureMap map)
    {
        var dead = 0;
        for (var c = 0; c < map.Channels; c++)
        {
            var alive = false;
            for (var s = 0; s < _probeShares && !alive; s++)
                alive = MemoryMarshal.AsBytes(_shareAlive.AsSpan(s * map.Size + c * map.Area, map.Area)).ContainsAnyExcept((byte)0);
            if (!alive) dead++;
        }
        return (double)dead / map.Channels;
    }

    /// <summary>Row <paramref name="l"/>'s backward probes, right after its first entry's backward.</summary>
    private void ProbeBackward(int l, int rows, StepRecord record)
    {
        var row = _rows[l];
        ref var stats = ref record.Layers[l];
        var saturated = 0L;
        var evaluated = 0L;
        for (var i = row.First; i <= row.Last; i++)
        {
            if (_modules[i] is ActivationEntry<T> act) (saturated, evaluated) = (saturated + act.Saturated, evaluated + (long)rows * _entries[i].Out.Size);
            if (_modules[i] is ResidualBlock<T> block) (saturated, evaluated) = (saturated + block.Saturated, evaluated + 2L * rows * _entries[i].Out.Size);
        }
        stats.SaturationFraction = evaluated > 0 ? (double)saturated / evaluated : 0;

        // ∂L/∂ output (unless known), then a residual block's ∂L/∂x, branch and skip parts, or the first entry's ∂L/∂z.
        var known = _knownGradNorm.Entry == row.Last;
        var output = known ? -1 : _norms.Add(G(row.Last, rows));
        var residual = _modules[row.First] as ResidualBlock<T>;
        var dx = residual is null ? null : Dx(row.First, rows);
        var (input, branch, skip, first) = residual is null ? (-1, -1, -1, row.First != row.Last ? _norms.Add(G(row.First, rows)) : output)
            : (dx is { } x ? _norms.Add(x) : -1, _norms.Add(residual.BranchGradient(rows)), _norms.Add(residual.SkipGradient(rows)), -1);
        _norms.Run();

        var outputNorm = known ? _knownGradNorm.Norm : _norms.Norm(output);
        stats[LayerMetric.OutputGradNorm] = outputNorm;
        _knownGradNorm = (-1, 0);
        if (residual is null)
        {
            stats.PreactivationGradNorm = first == output ? outputNorm : _norms.Norm(first);
            return;
        }
        stats.PreactivationGradNorm = input < 0 ? 0 : _norms.Norm(input);
        if (input >= 0 && row.First > 0) _knownGradNorm = (row.First - 1, stats.PreactivationGradNorm);
        stats[LayerMetric.BranchGradNorm] = _norms.Norm(branch);
        stats[LayerMetric.SkipGradNorm] = _norms.Norm(skip);
    }
}
