using GradientService.Contracts.Wire;

namespace GradientService.Web.Live;

/// <summary>
/// A hierarchical-softmax run's ‖∂L/∂W‖ per tree depth over the steps, one bounded <see cref="SeriesBuffer"/> per depth
/// (index d − 1, the root first), and the newest step's norms exactly as recorded. Empty for any other run.
/// </summary>
public sealed class OutputDepthStore(int capacity)
{
    private readonly List<SeriesBuffer> _depths = [];

    public IReadOnlyList<SeriesBuffer> Depths => _depths;

    /// <summary>The newest step's norms, exactly as recorded (the table beside the chart).</summary>
    public OutputDepthFrame? Latest { get; private set; }

    public void Add(OutputDepthFrame frame)
    {
        if (Latest is { } latest && frame.Step <= latest.Step) return;
        for (var d = 0; d < frame.GradNorms.Length; d++) Depth(d).Add(frame.Step, frame.GradNorms[d]);
        Latest = frame;
    }

    /// <summary>Starts from the stored series (GET output-depths: one per depth, downsampled), older than anything live.</summary>
    public void Seed(SeriesResponse stored)
    {
        for (var d = 0; d < stored.Series.Count; d++)
            foreach (var point in stored.Series[d].Points) Depth(d).Add(point.Step, point.Value);
        if (stored.Series.Count == 0 || stored.Series[0].Points.Count == 0) return;
        var step = stored.Series[0].Points[^1].Step;
        // The last stored step's norms when every depth kept a point there (the downsampling keeps each series' own points).
        var last = stored.Series.Select(s => s.Points[^1]).ToArray();
        if (last.All(p => p.Step == step) && (Latest is null || Latest.Step < step)) Latest = new OutputDepthFrame(step, [.. last.Select(p => p.Value)]);
    }

    private SeriesBuffer Depth(int d)
    {
        while (_depths.Count <= d) _depths.Add(new SeriesBuffer(capacity));
        return _depths[d];
    }
}
