using System.Text.Json;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Web.Charts;
using GradientService.Web.Components;
using GradientService.Web.Services;
using MessagePack;

namespace GradientService.Web.Live;

/// <summary>
/// The run page's .NET code run once on a tiny made-up run while the app idles after it starts: the Api's answers read
/// as the page reads them (the detail and the small answers in JSON, the steps and the heatmap in MessagePack), then
/// seeded into a <see cref="RunData"/> and shaped for the charts. The browser's .NET runs every method slowly the first
/// time (the interpreter compiles it, MessagePack builds its formatters), and a session's first run page spent 1.3–2 s
/// so between the detail's answer and its history requests; afterwards the first opening costs what the next ones do.
/// </summary>
public static class FirstLookWarmup
{
    private const int Layers = 4;
    private const int Steps = 64;

    /// <summary>
    /// Every part, one after the other, yielding between them so the page the user sees stays responsive; returns the
    /// made-up run as the page would hold it.
    /// </summary>
    public static async Task<RunData> RunAsync(CancellationToken cancel = default)
    {
        var id = Guid.NewGuid();
        var detail = await Json(Detail(id), cancel);
        await Task.Yield();
        var series = await Packed(Series(id), cancel);
        await Task.Yield();
        var heatmap = (await Packed(PackedHeatmap.Of(Heatmap(id)), cancel)).ToHeatmap();
        await Task.Yield();
        var profile = await Json(Profile(id), cancel);
        var events = await Json(new Page<RunEventMessage>([new RunEventMessage(Steps / 2, RunEventKinds.Clipping, null, 2.0, "clipped")], 1, 200, 1), cancel);
        var episodes = await Json<IReadOnlyList<RunEpisode>>([new RunEpisode("vanishing", 1, 1, Steps, Steps, 1e-9, 1, false, "vanishing")], cancel);
        await Task.Yield();
        return Shape(detail, series, heatmap, profile, events, episodes);
    }

    /// <summary>What the run page does with the answers before its first look draws (<see cref="Pages.Run"/>'s history).</summary>
    internal static RunData Shape(RunDetail detail, PackedSeries series, Heatmap heatmap, DepthProfile profile, Page<RunEventMessage> events,
        IReadOnlyList<RunEpisode> episodes)
    {
        var data = new RunData(detail.Summary.Id) { Status = detail.Summary.Status, TotalSteps = detail.Summary.TotalSteps, Reason = detail.Reason };
        data.EnsureGrid(detail.Layers.Count);
        _ = PhaseMarks.Of(detail.Spec);
        data.Seed(series, events.Items, detail.EventCounts, detail.Summary.StepsDone);
        data.Merge(profile);
        data.Merge(heatmap);
        data.Merge(episodes);
        if (data.Grid is { } grid) _ = new GridHeatmap().Next(grid, ChartedMetrics.IndexOf(heatmap.Field), data.LastStep, [new ChartMark(1, "cursor")]);
        _ = TrainingChart.LossPayload(data, []);
        _ = TrainingChart.NormsPayload(data, backprop: true, []);
        return data;
    }

    private static async Task<T> Json<T>(T value, CancellationToken cancel)
    {
        using var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(value, WireJson.Options));
        return await JsonSerializer.DeserializeAsync<T>(body, WireJson.Options, cancel) ?? value;
    }

    private static async Task<T> Packed<T>(T value, CancellationToken cancel)
    {
        using var body = new MemoryStream(MessagePackSerializer.Serialize(value, ApiClient.Packed, cancel));
        return await MessagePackSerializer.DeserializeAsync<T>(body, ApiClient.Packed, cancel);
    }

    private static RunDetail Detail(Guid id)
    {
        var spec = new RunSpec
        {
            Model = new MlpSpec { Depth = Layers - 1, Width = 16, Activation = ActivationKind.Relu },
            Init = new InitSpec { Scheme = InitScheme.HeNormal },
            Training = new TrainingSpec { Steps = Steps },
        };
        var summary = new RunSummary(id, "warm-up", null, RunStatus.Completed, "mlp", "relu", "he-normal", Layers, Steps, Steps,
            DateTime.UtcNow, DateTime.UtcNow, DateTime.UtcNow, 0.1, 0.9, 1, 0);
        LayerDescription[] layers = [.. Enumerable.Range(1, Layers).Select(l => new LayerDescription(l, $"layers.{l - 1}", 16, 16, "dense"))];
        return new RunDetail(summary, spec, 1, null, null, null, 0.1, 0.9, layers, 0, 1000, 0,
            new Dictionary<string, int> { [RunEventKinds.Clipping] = 1 }, null, null, null, null);
    }

    private static PackedSeries Series(Guid id)
    {
        int[] steps = [.. Enumerable.Range(1, Steps)];
        double[] values = [.. steps.Select(s => 1.0 / s)];
        var bytes = (Steps: LittleEndian.Bytes(steps), Values: LittleEndian.Bytes(values));
        return new PackedSeries(id, null, 1, Steps, Steps, false, "min-max",
            [.. RunData.SeriesFields.Split(',').Select(field => new PackedSeriesData(field, bytes.Steps, bytes.Values, new byte[Steps]))]);
    }

    private static Heatmap Heatmap(Guid id)
    {
        int[] first = [.. Enumerable.Range(0, Steps / 2).Select(c => 2 * c + 1)];
        int[] last = [.. first.Select(s => s + 1)];
        return new Heatmap(id, ChartedMetrics.All[0].Name, "max", 1, Steps, first, last,
            [.. Enumerable.Range(1, Layers).Select(l => first.Select(s => l * 1e-3 / s).ToArray())],
            [.. Enumerable.Range(1, Layers).Select(_ => new bool[first.Length])]);
    }

    private static DepthProfile Profile(Guid id) =>
        new(id, Steps, [ChartedMetrics.All[0].Name], [.. Enumerable.Range(1, Layers).Select(l => new DepthProfileLayer(l, $"layers.{l - 1}", [l * 1e-3]))]);
}
