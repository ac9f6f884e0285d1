using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;
using GradientService.Contracts.Spec;

namespace GradientService.Web.Tests.Infrastructure;

/// <summary>Wire records as the Api would send them, for a small 3-layer run.</summary>
public static class Wire
{
    public const int Layers = 3;

    public static RunDetail Detail(Guid id, RunStatus status, int stepsDone, int totalSteps = 100) => new(
        new RunSummary(id, "test run", "deep-sigmoid", status, "mlp", "sigmoid", "standard", 2, stepsDone, totalSteps,
            new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), null, null, null, null, 0, 0),
        new RunSpec(), stepsDone / (double)totalSteps, null, null, null, null, null,
        [.. Enumerable.Range(1, Layers).Select(l => new LayerDescription(l, $"layers.{l}", 4, 4, "dense"))], 0, 60, 0, new Dictionary<string, int>(), null, null, null, null);

    public static StepBatch Batch(Guid id, int first, int last, params RunEventMessage[] events) => new(
        id, first, last,
        [.. Enumerable.Range(first, last - first + 1).Select(s => new StepPoint(s, [1.0 / s, 0.5, null, null, 0.1, 2.0, 1.0, 0.5]))],
        [.. Enumerable.Range(first, last - first + 1).Select(Frame)], false, [], events, []);

    public static LayerFrame Frame(int step)
    {
        double?[] norms = [.. Enumerable.Range(1, Layers).Select(l => Math.Pow(10, l - 4) * step)];
        return new LayerFrame(step, [.. Enumerable.Range(0, LayerMetrics.Count).Select(m => m == (int)LayerMetric.NonFiniteCount ? new double?[Layers] { 0, 0, 0 } : [.. norms])]);
    }

    /// <summary>A frame's ‖∂L/∂W_l‖ per layer (the array itself, so a test can plant a value).</summary>
    public static double?[] WeightGradNorm(this LayerFrame frame) => frame.Values[(int)LayerMetric.WeightGradNorm];

    public static RunStatusMessage Status(Guid id, RunStatus status, int steps) =>
        new(id, status, steps, 100, null, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    public static Heatmap Heatmap(Guid id, int from, int to) =>
        new(id, "weightGradNorm", "max", from, to, [from], [to], [.. Enumerable.Range(0, Layers).Select(_ => new[] { 1.0 })],
            [.. Enumerable.Range(0, Layers).Select(_ => new[] { false })]);
}
