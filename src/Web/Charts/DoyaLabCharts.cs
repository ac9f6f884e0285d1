using GradientService.Contracts.Labs;

namespace GradientService.Web.Charts;

/// <summary>The Doya lab's two charts: the bifurcation diagram with b's path over it, and |∂L/∂b| and b over the iterations.</summary>
public static class DoyaLabCharts
{
    private const string StableColor = "#2c7fb8";
    private const string UnstableColor = "#c0392b";

    /// <summary>Series order of <see cref="Diagram"/>: the four branches, then x(T) at each iteration's b.</summary>
    private static readonly FixedPointBranch[] BranchOrder = [FixedPointBranch.Lower, FixedPointBranch.Middle, FixedPointBranch.Upper, FixedPointBranch.Single];

    public static readonly LineChartOptions DiagramOptions = new("b (bias)", "x* (fixed point), x(T)", false,
    [
        new("lower branch (stable)", StableColor, Width: 2),
        new("middle branch (unstable)", UnstableColor, Width: 2, Dash: true),
        new("upper branch (stable)", StableColor, Width: 2),
        new("single fixed point (stable)", StableColor, Width: 2),
        new("x(T) at each iteration's b", "#e67e22", Width: 0, Points: true),
    ], Height: 320);

    /// <summary>
    /// log₁₀|∂L/∂b| on a linear axis rather than |∂L/∂b| on uPlot's log axis: once b is thrown far from the bifurcation the
    /// gradient falls below 10⁻³², the smallest decade uPlot's log axis can tick (it then fails with "Invalid array length").
    /// </summary>
    public static readonly LineChartOptions TraceOptions = new("iteration", "log₁₀ |∂L/∂b|", false,
    [
        new("log₁₀ |∂L/∂b|", UnstableColor, Points: true),
        new("b", "#555", "y2"),
    ], Y2Label: "b", Height: 280);

    /// <summary>
    /// The branches (solid stable, dashed unstable), the saddle-nodes as marks, and (b_k, x(T)_k) for the iterations whose b lies
    /// in the diagram's range (an exploding step can throw b far outside it).
    /// </summary>
    public static LinePayload Diagram(BifurcationDiagram diagram, BiasTrainingTrace? trace)
    {
        var series = BranchOrder.Select(kind => diagram.Branches.FirstOrDefault(b => b.Branch == kind) is { } branch
            ? ([.. branch.B], [.. branch.X])
            : (Array.Empty<double>(), Array.Empty<double>())).ToList();
        var path = PathInRange(diagram, trace).ToList();
        series.Add(([.. path.Select(i => i.B)], [.. path.Select(i => i.FinalState)]));
        var marks = diagram.SaddleNodes.Where(s => s.B >= diagram.BMin && s.B <= diagram.BMax).Select(s => new ChartMark(s.B, "saddle-node", "saddle-node")).ToList();
        return LinePayload.Of(series, marks);
    }

    /// <summary>log₁₀|∂L/∂b| and b per iteration, with a mark at each crossing and at the peak (a zero gradient leaves a gap).</summary>
    public static LinePayload Trace(BiasTrainingTrace trace)
    {
        var x = trace.Iterations.Select(i => (double)i.Iteration).ToArray();
        var marks = trace.Crossings.Select(k => new ChartMark(k, "crossing", k == trace.PeakIteration ? "crossed · peak" : "crossed")).ToList();
        if (!trace.Crossings.Contains(trace.PeakIteration)) marks.Add(new ChartMark(trace.PeakIteration, "cursor", "peak"));
        return LinePayload.Of([(x, [.. trace.Iterations.Select(i => Math.Log10(Math.Abs(i.Gradient)))]), (x, [.. trace.Iterations.Select(i => i.B)])], marks);
    }

    /// <summary>The iterations whose b lies in the diagram's range.</summary>
    public static IEnumerable<BiasIteration> PathInRange(BifurcationDiagram diagram, BiasTrainingTrace? trace) =>
        trace?.Iterations.Where(i => i.B >= diagram.BMin && i.B <= diagram.BMax) ?? [];
}
