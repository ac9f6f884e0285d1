namespace GradientService.Web.Charts;

/// <summary>How a line chart looks: axis names with units, log axes, its series (see <c>initLines</c> in charts.js).</summary>
public sealed record LineChartOptions(
    string XLabel,
    string YLabel,
    bool YLog,
    IReadOnlyList<LineSeries> Series,
    string? Y2Label = null,
    bool Y2Log = false,
    bool XLog = false,
    int Height = 260);

/// <summary>One line; <see cref="Scale"/> is "y" (left axis) or "y2" (right axis).</summary>
public sealed record LineSeries(string Label, string Color, string Scale = "y", double Width = 1.5, bool Dash = false, bool Points = false);

/// <summary>
/// A vertical mark at <see cref="X"/>: kind "clipping", "diverged", "non-finite", "phase" (a pretraining phase starts; <see cref="PhaseMarks"/>)
/// or "cursor" (the selected step); with
/// <see cref="X1"/> a shaded band from X to X1 instead, coloured by its kind (an episode: see <see cref="EpisodeMarks"/>).
/// </summary>
public sealed record ChartMark(double X, string Kind, string? Label = null, double? X1 = null);
