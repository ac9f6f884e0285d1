using GradientService.Contracts.Wire;

namespace GradientService.Web.Charts;

/// <summary>
/// Shapes time-lag profiles into a lag × step heatmap: row k is the lag T − t (0 = the last time step, at the bottom),
/// column c the profile recorded at one step; the value is ‖∂L/∂h_t‖.
/// </summary>
public static class LagHeatmap
{
    public static HeatmapPayload Shape(IReadOnlyList<TimeLagProfile> profiles, IReadOnlyList<ChartMark> marks)
    {
        var cols = profiles.Count;
        var rows = cols == 0 ? 0 : profiles.Max(p => p.Norms.Count);
        var values = new double[rows * cols];
        Array.Fill(values, double.NaN);
        var flagged = new List<int>();
        for (var c = 0; c < cols; c++)
        {
            var norms = profiles[c].Norms;
            var length = norms.Count;
            for (var lag = 0; lag < length; lag++)
            {
                var cell = (rows - 1 - lag) * cols + c;
                values[cell] = norms[length - 1 - lag];
                if (double.IsInfinity(values[cell])) flagged.Add(cell);
            }
        }
        var scale = DecadeScale.Around(values);
        var indices = new byte[values.Length];
        for (var i = 0; i < values.Length; i++) indices[i] = scale.Index(values[i]);
        int[] steps = [.. profiles.Select(p => p.Step)];
        var meta = new HeatmapMeta(rows, cols, 0, steps, steps, Uniform: false,
            cols == 0 ? 0 : steps[0] - 0.5, cols == 0 ? 1 : steps[^1] + 0.5, scale.Lo, scale.Hi, "‖∂L/∂h_t‖", [.. flagged], marks);
        return HeatmapPayload.Of(values, indices, meta);
    }
}
