using GradientService.Contracts.Metrics;
using GradientService.Core.Probes;
using GradientService.Core.Tensors;

namespace GradientService.Core.Convolution;

/// <summary>
/// The cnn's probes, one telemetry row per conv2d, linear and residual entry (<see cref="CnnRow"/>), over the whole
/// batch and feature map: the activation statistics and dead channels of the row's last folded entry's output, ‖δ‖
/// (conv, linear: ‖∂L/∂z‖ of the entry's own output before bn and φ; residual: ‖∂L/∂x‖ at the block's input), ‖∂L/∂
/// output‖ of the row's last entry, and for a residual block the parts of ∂L/∂x through its branch and its shortcut.
/// Each row's probes are taken as the pass reaches it (forward: after its last entry; backward: after its first), while
/// its maps are still in cache, each sum over a whole map on one thread and the row's maps on every thread at once
/// (<see cref="_probePart"/>); a map's norm is taken once (a residual block's ‖∂L/∂x‖ is the row below's ‖∂L/∂ output‖).
/// The parameter norms come from the trainer (each parameter's Group is its row). docs/engine.md, "Convolutional nets".
/// </summary>
internal sealed partial class CnnNet<T>
{
    /// <summary>Per channel of the row's output: nonzero somewhere in the batch.</summary>
    private readonly bool[] _alive;

    /// <summary>The maps of a row's probes, one per part of <see cref="_probePart"/>, and each one's Σx² (forward: Σx too).</summary>
    private readonly Action<int, MatrixProduct<T>> _probePart;
    private readonly MatrixView<T>[] _probeMaps = new MatrixView<T>[4];
    private readonly double[] _probeSquares = new double[4];
    private double _probeSum, _probeDead;
    private FeatureMap _probeMap;
    private bool _probeForward;

    /// <summary>The last ‖∂L/∂ entry output‖ taken: its entry and value (a residual block's ∂L/∂x, the row below's output gradient).</summary>
    private (int Entry, double Norm) _knownGradNorm = (-1, 0);

    /// <summary>Forward: part 0 the row output's moments, part 1 its dead channels; backward: part i the norm of map i.</summary>
    private void ProbePart(int part, MatrixProduct<T> lane)
    {
        var map = _probeMaps[part];
        if (!_probeForward) _probeSquares[part] = Reductions.SumOfSquares<T>(map.Span);
        else if (part == 0) (_probeSum, _probeSquares[0]) = Reductions.Moments<T>(map.Span);
        else _probeDead = DeadChannels(map, _probeMap);
    }

    /// <summary>Row <paramref name="l"/>'s forward probes, right after its last entry's forward.</summary>
    private void ProbeForward(int l, int rows, StepRecord record)
    {
        var row = _rows[l];
        var y = Y(row.Last, rows);
        (_probeForward, _probeMaps[0], _probeMaps[1], _probeMap, _probeDead) = (true, y, y, _entries[row.Last].Out, 0);
        _mm.ForEachPart(row.IsReadout ? 1 : 2, _probePart);
        ref var stats = ref record.Layers[l];
        stats.SetActivationMoments(_probeSum, _probeSquares[0], y.Length);
        stats.DeadFraction = _probeDead;
    }

    /// <summary>Share of channels (units, for a flat output) that are 0 at every example and position.</summary>
    private double DeadChannels(MatrixView<T> y, FeatureMap map)
    {
        var alive = _alive.AsSpan(0, map.Channels);
        alive.Clear();
        for (var b = 0; b < y.Rows; b++)
            for (var c = 0; c < map.Channels; c++)
                if (!alive[c] && y.Row(b).Slice(c * map.Area, map.Area).ContainsAnyExcept(T.Zero)) alive[c] = true;
        var dead = 0;
        foreach (var a in alive) if (!a) dead++;
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

        // Maps: 0 ∂L/∂ output (unless known), then a residual block's ∂L/∂x, branch and skip parts, or the first entry's ∂L/∂z.
        var known = _knownGradNorm.Entry == row.Last;
        var maps = 0;
        if (!known) _probeMaps[maps++] = G(row.Last, rows);
        var residual = _modules[row.First] as ResidualBlock<T>;
        var dx = residual is null ? null : Dx(row.First, rows);
        if (residual is not null)
        {
            if (dx is { } input) _probeMaps[maps++] = input;
            _probeMaps[maps++] = residual.BranchGradient(rows);
            _probeMaps[maps++] = residual.SkipGradient(rows);
        }
        else if (row.First != row.Last) _probeMaps[maps++] = G(row.First, rows);
        _probeForward = false;
        _mm.ForEachPart(maps, _probePart);

        var next = 0;
        var output = known ? _knownGradNorm.Norm : Math.Sqrt(_probeSquares[next++]);
        stats[LayerMetric.OutputGradNorm] = output;
        _knownGradNorm = (-1, 0);
        if (residual is not null)
        {
            stats.PreactivationGradNorm = dx is null ? 0 : Math.Sqrt(_probeSquares[next++]);
            if (dx is not null && row.First > 0) _knownGradNorm = (row.First - 1, stats.PreactivationGradNorm);
            stats[LayerMetric.BranchGradNorm] = Math.Sqrt(_probeSquares[next++]);
            stats[LayerMetric.SkipGradNorm] = Math.Sqrt(_probeSquares[next]);
        }
        else stats.PreactivationGradNorm = row.First != row.Last ? Math.Sqrt(_probeSquares[next]) : output;
    }
}
