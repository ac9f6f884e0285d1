using GradientService.Contracts.Wire;

namespace GradientService.Web.Charts;

/// <summary>
/// The order-to-chaos phase diagram of a σ_w² × σ_b² sweep (Schoenholz et al., ICLR 2017, Figures 1 and 5): each cell's
/// final accuracy as a heatmap, rows σ_w² (increasing upwards), columns σ_b², with the theory's critical line χ₁ = 1 and
/// the contour where the trainable depth 6·ξ_c equals the sweep's depth drawn over it. The heatmap's axes count rows and
/// columns, so the lines are placed between them by linear interpolation of the axes' values.
/// </summary>
public static class PhaseHeatmap
{
    public const string CriticalColour = "#ffffff";
    public const string DepthColour = "#ff7f0e";

    public static HeatmapPayload? Shape(SweepMatrix matrix)
    {
        if (matrix.Phase is not { } phase) return null;
        var weights = Sorted(matrix.Axes[phase.WeightVarianceAxis]);
        var biases = Sorted(matrix.Axes[phase.BiasVarianceAxis]);
        int rows = weights.Values.Length, cols = biases.Values.Length;
        var sums = new double[rows * cols];
        var counts = new int[rows * cols];
        foreach (var cell in matrix.Cells)
        {
            if (cell.FinalAccuracy is not { } accuracy) continue;
            var r = weights.Rank[cell.Index[phase.WeightVarianceAxis]];
            var c = biases.Rank[cell.Index[phase.BiasVarianceAxis]];
            var at = (rows - 1 - r) * cols + c; // image row 0 is the top: the largest σ_w²
            sums[at] += accuracy;
            counts[at]++;
        }
        var values = new double[rows * cols];
        for (var i = 0; i < values.Length; i++) values[i] = counts[i] == 0 ? double.NaN : sums[i] / counts[i]; // cells of further axes: their mean
        var indices = new byte[values.Length];
        for (var i = 0; i < values.Length; i++) indices[i] = ShareIndex(values[i]);
        int[] columns = [.. Enumerable.Range(1, cols)];
        var meta = new HeatmapMeta(rows, cols, 1, columns, columns, Uniform: true, 0.5, cols + 0.5, 0, 1, "final accuracy", [], [],
            [.. biases.Values.Select(Tick)], [.. weights.Values.Select(Tick)], Lines(phase, weights.Values, biases.Values), Linear: true);
        return HeatmapPayload.Of(values, indices, meta);
    }

    private static List<ChartLine> Lines(PhaseDiagram phase, double[] weights, double[] biases)
    {
        var critical = new ChartLine("χ₁ = 1", CriticalColour, false,
            [.. phase.CriticalLine.Select(p => (double?)Position(biases, p.BiasVariance))],
            [.. phase.CriticalLine.Select(p => (double?)Position(weights, p.WeightVariance))]);
        List<ChartLine> lines = [critical];
        foreach (var contour in DepthContours(phase))
            lines.Add(new ChartLine($"6·ξ_c = {phase.Depth}", DepthColour, true,
                [.. contour.Select(p => (double?)Position(biases, p.BiasVariance))], [.. contour.Select(p => (double?)Position(weights, p.WeightVariance))]));
        return lines;
    }

    /// <summary>
    /// Where 6·ξ_c crosses the sweep's depth, column by column of the theory's grid (linear between rows): the k-th crossing
    /// from below of each column joins line k. ξ_c peaks at χ₁ = 1, so there is usually one line on each side of the critical one.
    /// </summary>
    public static List<List<PhasePoint>> DepthContours(PhaseDiagram phase)
    {
        List<List<PhasePoint>> lines = [];
        for (var c = 0; c < phase.GridBiasVariances.Count; c++)
        {
            var k = 0;
            for (var r = 0; r + 1 < phase.GridWeightVariances.Count; r++)
            {
                if (phase.TrainableDepth[r][c] is not { } d0 || phase.TrainableDepth[r + 1][c] is not { } d1) continue;
                var (a, b) = (d0 - phase.Depth, d1 - phase.Depth);
                if (a == b || a * b > 0 || b == 0) continue; // no crossing in (r, r+1]; a crossing exactly on a row counts once
                var w0 = phase.GridWeightVariances[r];
                var w = w0 + (phase.GridWeightVariances[r + 1] - w0) * a / (a - b);
                if (lines.Count <= k) lines.Add([]);
                lines[k++].Add(new PhasePoint(phase.GridBiasVariances[c], w));
            }
        }
        return lines;
    }

    /// <summary>The colour of a share in [0, 1] on a linear scale (accuracy: chance and success far apart, as decades would not put them).</summary>
    public static byte ShareIndex(double share) => double.IsNaN(share) ? DecadeScale.Empty
        : (byte)Math.Clamp(DecadeScale.Lowest + (int)Math.Round(share * (DecadeScale.Highest - DecadeScale.Lowest)), DecadeScale.Lowest, DecadeScale.Highest);

    /// <summary>Where <paramref name="value"/> falls on an axis whose sorted values sit at 1, 2, … (linear between them and beyond the ends).</summary>
    public static double Position(double[] sorted, double value)
    {
        if (sorted.Length == 1) return 1 + value - sorted[0];
        var i = 0;
        while (i < sorted.Length - 2 && value > sorted[i + 1]) i++;
        return i + 1 + (value - sorted[i]) / (sorted[i + 1] - sorted[i]);
    }

    /// <summary>An axis's numeric values increasing, and the rank of each value's index in the sweep's own order.</summary>
    private static (double[] Values, int[] Rank) Sorted(SweepAxis axis)
    {
        var values = axis.Values.Select(v => SweepAxes.Number(v) ?? double.NaN).ToArray();
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var rank = new int[values.Length];
        for (var k = 0; k < order.Length; k++) rank[order[k]] = k;
        return ([.. order.Select(i => values[i])], rank);
    }

    private static string Tick(double value) => Figure.Of(value);
}
