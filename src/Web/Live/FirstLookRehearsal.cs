using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Web.Charts;
using GradientService.Web.Services;
using MessagePack;

namespace GradientService.Web.Live;

/// <summary>
/// A session's first run page, rehearsed on a made-up run while the app idles after it starts (<see cref="Layout.MainLayout"/>
/// renders the real run page for <see cref="RunId"/> out of sight). While a rehearsal is on, its <see cref="Handler"/> in
/// the app's HTTP pipeline answers that run's requests from memory with the bytes the Api would send (JSON; MessagePack for the
/// steps and the heatmap), so nothing reaches the server; every other request passes through.
/// <para>Why: the browser's .NET runs a method slowly the first time (the interpreter compiles it) and the charts' JS is
/// compiled on its first call. A session's first run page of a 100-layer run spent ~220 ms more than the next ones in
/// the task that renders the page before its history requests leave, and ~50 ms more in its first frame (Chromium's
/// trace, `render --first-look --trace`); decoding the answers alone, as the warm-up did before, left those.</para>
/// </summary>
public sealed class FirstLookRehearsal
{
    /// <summary>The made-up run's id: version 4, so never one the Api assigns (its ids are version 7).</summary>
    public static readonly Guid RunId = new("f1a5f1a5-0000-4000-8000-000000000017");

    /// <summary>
    /// The made-up run is as big as the first look the issue measures (100 layers × 100,000 steps) and its answers are
    /// shaped by what the page asks (points, columns, fields): the browser's .NET compiles a hot loop only after it ran a
    /// while, and V8 optimises the charts' JS the same way, so a small run left the big run's decoding and drawing cold.
    /// </summary>
    internal const int Layers = 100;

    internal const int Steps = 100_000;

    private volatile bool _on;

    /// <summary>Whether the made-up run's requests are answered here now.</summary>
    public bool On => _on;

    /// <summary>Answers the made-up run's requests from now until <see cref="End"/>.</summary>
    public void Begin() => _on = true;

    public void End() => _on = false;

    /// <summary>The app's HTTP pipeline's step that answers for the made-up run while <paramref name="rehearsal"/> is on.</summary>
    public sealed class Handler(FirstLookRehearsal rehearsal) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            rehearsal.On && request.Method == HttpMethod.Get && request.RequestUri is { } uri && Answer(uri) is { } answer
                ? Task.FromResult(answer)
                : base.SendAsync(request, cancellationToken);
    }

    /// <summary>The Api's answer to a GET of the made-up run's <paramref name="uri"/>; null for any other address.</summary>
    internal static HttpResponseMessage? Answer(Uri uri)
    {
        var prefix = $"/api/runs/{RunId}";
        var path = uri.AbsolutePath;
        if (!path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        int Number(string key, int otherwise) => int.TryParse(query[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : otherwise;
        return path[prefix.Length..] switch
        {
            "" => Json(Detail()),
            "/steps" => Packed(Series(query["fields"]?.Split(',') ?? [], Number("maxPoints", 2000))),
            "/heatmap" => Packed(PackedHeatmap.Of(Heatmap(query["field"] ?? ChartedMetrics.All[0].Name, Number("columns", 782)))),
            "/depth-profile" => Json(Profile(query["fields"]?.Split(',') ?? [])),
            "/events" => Json(Events(Number("pageSize", 200))),
            "/episodes" => Json<IReadOnlyList<RunEpisode>>(
                [new RunEpisode(EpisodeKinds.Vanishing, null, 1, Steps, Steps, 1e-9, 1, false, "vanishing"),
                 new RunEpisode(EpisodeKinds.Saturation, Layers / 2, Steps / 4, Steps / 2, Steps / 4 + 1, 0.6, Steps / 3, false, "saturated")]),
            "/theory" => Json(Theory()),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = JsonContent.Create(new { status = 404, title = "Not part of the rehearsal" }) },
        };
    }

    /// <summary>A made-up gradient norm: decaying a decade every 20 layers towards the input, wobbling over steps.</summary>
    private static double Norm(int layer, int step) => Math.Pow(10, -3 - (Layers - layer) / 20.0) * (1.5 + Math.Sin(step * 1e-3 + layer));

    private static HttpResponseMessage Json<T>(T value) => new(HttpStatusCode.OK) { Content = JsonContent.Create(value, options: WireJson.Options) };

    private static HttpResponseMessage Packed<T>(T value) => new(HttpStatusCode.OK)
    {
        Content = new ByteArrayContent(MessagePackSerializer.Serialize(value, ApiClient.Packed))
        {
            Headers = { ContentType = new MediaTypeHeaderValue(PackedWire.MediaType) },
        },
    };

    private static RunSpec Spec() => new()
    {
        Name = "first look rehearsal",
        Model = new MlpSpec { Depth = Layers - 1, Width = 16, Activation = ActivationKind.Sigmoid },
        Init = new InitSpec { Scheme = InitScheme.XavierNormal },
        Training = new TrainingSpec { Steps = Steps },
    };

    private static RunDetail Detail()
    {
        var summary = new RunSummary(RunId, "first look rehearsal", null, RunStatus.Completed, "mlp", "sigmoid", "xavier-normal", Layers, Steps, Steps,
            DateTime.UtcNow, DateTime.UtcNow, DateTime.UtcNow, 0.1, 0.9, 1, 0);
        LayerDescription[] layers = [.. Enumerable.Range(1, Layers).Select(l => new LayerDescription(l, $"layers.{l - 1}", 16, 16, "dense"))];
        return new RunDetail(summary, Spec(), 1, null, null, null, 0.1, 0.9, layers, 0, 27_000, 0,
            new Dictionary<string, int> { [RunEventKinds.Clipping] = Steps / 1000 }, Diagnosis(), null, null, null);
    }

    /// <summary>A vanishing gradient with a finding and a remedy: the diagnosis panel renders its cards as for a real one.</summary>
    private static RunDiagnosis Diagnosis() => new(
        DiagnosisVerdict.Vanishing, "Layer 1 receives 1e-5 of the output layer's gradient.", Steps, true,
        [new DiagnosisFinding(EpisodeKinds.Vanishing, FindingSeverity.Critical, "Vanishing gradient from layer 80 down",
            "‖∂L/∂W_1‖/‖∂L/∂W_100‖ = 1e-5", "sigmoid's slope is at most 1/4", 1, Steps, [.. Enumerable.Range(1, 80)], 5)],
        new DepthDiagnosis(0.89, 0.9, -5, -4.8, TheoryPhase.Ordered, 20, []),
        null,
        [new RemedySuggestion("relu-he", "ReLU with He init", "ReLU's slope is 1 where active.", "He et al. 2015",
            new JsonObject { ["model"] = new JsonObject { ["activation"] = "relu" } })]);

    /// <summary>Each field asked for in <paramref name="points"/> points over the run, as the Api's min-max buckets send them.</summary>
    private static PackedSeries Series(IReadOnlyList<string> fields, int points)
    {
        int[] steps = [.. Enumerable.Range(0, points).Select(i => 1 + (int)((long)i * (Steps - 1) / Math.Max(1, points - 1)))];
        var at = LittleEndian.Bytes(steps);
        return new PackedSeries(RunId, null, 1, Steps, Steps, true, "min-max",
            [.. fields.Select((field, f) => new PackedSeriesData(field, at, LittleEndian.Bytes([.. steps.Select(s => Norm(f + 1, s))]), new byte[points]))]);
    }

    private static Heatmap Heatmap(string field, int columns)
    {
        int[] first = [.. Enumerable.Range(0, columns).Select(c => 1 + (int)((long)c * Steps / columns))];
        int[] last = [.. Enumerable.Range(1, columns).Select(c => (int)((long)c * Steps / columns))];
        return new Heatmap(RunId, field, "max", 1, Steps, first, last,
            [.. Enumerable.Range(1, Layers).Select(l => first.Select(s => Norm(l, s)).ToArray())],
            [.. Enumerable.Range(1, Layers).Select(_ => new bool[columns])]);
    }

    private static DepthProfile Profile(IReadOnlyList<string> fields) =>
        new(RunId, Steps, fields, [.. Enumerable.Range(1, Layers).Select(l => new DepthProfileLayer(l, $"layers.{l - 1}", [.. fields.Select(_ => (double?)Norm(l, Steps))]))]);

    private static Page<RunEventMessage> Events(int pageSize) => new(
        [.. Enumerable.Range(1, Math.Min(pageSize, Steps / 1000)).Select(i => new RunEventMessage(i * 1000, RunEventKinds.Clipping, null, 2.0, "clipped"))],
        1, pageSize, Steps / 1000);

    private static TheoryReport Theory() => new(
        "sigmoid", 1, 0, 0, Layers - 1, 16, 32, 1, 0.5, 0.79, 20, 1, 20, TheoryPhase.Ordered, 0.001,
        [.. Enumerable.Range(1, Layers - 1).Select(l => new TheoryLayer(l, 0.5, 0.79, -0.05 * (Layers - 1 - l), -0.05 * (Layers - 1 - l), -0.05 * (Layers - 1 - l)))], []);
}
