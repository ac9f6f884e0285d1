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
/// its maps are still in cache; backward, each norm over a whole map on one thread and the row's maps on every thread at
/// once (<see cref="SquareSums{T}"/>); a map's norm is taken once (a residual block's ‖∂L/∂x‖ is the row below's ‖∂L/∂ output‖).
/// The parameter norms come from the trainer (each parameter's Group is its row). docs/engine.md, "Convolutional nets".
/// </summary>
internal sealed partial class CnnNet<T>
{
    /// <summary>Per channel of the row's output: nonzero somewhere in the batch.</summary>
    private readonly bool[] _alive;

    /// <summary>The backward probes' norms, a row's maps on every thread at once.</summary>
    private readonly SquareSums<T> _norms;

    /// <summary>The last ‖∂L/∂ entry output‖ taken: its entry and value (a residual block's ∂L/∂x, the row below's output gradient).</summary>
    private (int Entry, double Norm) _knownGradNorm = (-1, 0);

    /// <summary>Row <paramref name="l"/>'s forward probes, right after its last entry's forward.</summary>
    private void ProbeForward(int l, int rows, StepRecord record)
    {
        var row = _rows[l];
        var y = Y(row.Last, rows);
        var (sum, squares) = Reductions.Moments<T>(y.Span);
        ref var stats = ref record.Layers[l];
        stats.SetActivationMoments(sum, squares, y.Length);
        stats.DeadFraction = row.IsReadout ? 0 : DeadChannels(y, _entries[row.Last].Out);
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
