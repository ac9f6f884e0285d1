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
/// its maps are still in cache. The parameter norms come from the trainer (each parameter's Group is its row).
/// docs/engine.md, "Convolutional nets".
/// </summary>
internal sealed partial class CnnNet<T>
{
    /// <summary>Per channel of the row's output: nonzero somewhere in the batch.</summary>
    private readonly bool[] _alive;

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
        stats[LayerMetric.OutputGradNorm] = Norm(G(row.Last, rows));
        var saturated = 0L;
        var evaluated = 0L;
        for (var i = row.First; i <= row.Last; i++)
        {
            if (_modules[i] is ActivationEntry<T> act) (saturated, evaluated) = (saturated + act.Saturated, evaluated + (long)rows * _entries[i].Out.Size);
            if (_modules[i] is ResidualBlock<T> block) (saturated, evaluated) = (saturated + block.Saturated, evaluated + 2L * rows * _entries[i].Out.Size);
        }
        stats.SaturationFraction = evaluated > 0 ? (double)saturated / evaluated : 0;
        if (_modules[row.First] is ResidualBlock<T> residual)
        {
            stats.PreactivationGradNorm = Dx(row.First, rows) is { } dx ? Norm(dx) : 0;
            stats[LayerMetric.BranchGradNorm] = Norm(residual.BranchGradient(rows));
            stats[LayerMetric.SkipGradNorm] = Norm(residual.SkipGradient(rows));
        }
        else stats.PreactivationGradNorm = Norm(G(row.First, rows));
    }

    private static double Norm(MatrixView<T> m) => Math.Sqrt(Reductions.SumOfSquares<T>(m.Span));
}
