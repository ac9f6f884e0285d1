using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GradientService.Contracts.Labs;
using GradientService.Contracts.Wire;
using MessagePack;
using MessagePack.Resolvers;

namespace GradientService.Web.Services;

/// <summary>The Api's HTTP endpoints, typed. Reads throw on failure; a submission returns the problem document instead.</summary>
public sealed class ApiClient(HttpClient http)
{
    public Task<Page<RunSummary>> ListRunsAsync(RunFilter filter, CancellationToken cancel = default) =>
        GetAsync<Page<RunSummary>>("api/runs" + Query(
            ("status", filter.Status), ("architecture", filter.Architecture), ("activation", filter.Activation),
            ("init", filter.Init), ("q", filter.Text), ("sort", filter.Sort),
            ("page", Num(filter.Page)), ("pageSize", Num(filter.PageSize))), cancel);

    public Task<RunDetail> GetRunAsync(Guid id, CancellationToken cancel = default) => GetAsync<RunDetail>($"api/runs/{id}", cancel);

    public Task<IReadOnlyList<PresetInfo>> PresetsAsync(CancellationToken cancel = default) => GetAsync<IReadOnlyList<PresetInfo>>("api/presets", cancel);

    /// <summary>The scalar series over steps 1 … <paramref name="to"/> (default: the run's end), in MessagePack's columns.</summary>
    public Task<PackedSeries> StepsAsync(Guid id, string fields, int maxPoints, int? to = null, CancellationToken cancel = default) =>
        GetAsync<PackedSeries>($"api/runs/{id}/steps" + Query(("fields", fields), ("to", to is { } t ? Num(t) : null), ("maxPoints", Num(maxPoints)),
            ("format", PackedWire.Format)), cancel);

    public Task<DepthProfile> DepthProfileAsync(Guid id, int step, string fields, CancellationToken cancel = default) =>
        GetAsync<DepthProfile>($"api/runs/{id}/depth-profile" + Query(("step", Num(step)), ("fields", fields)), cancel);

    public async Task<Heatmap> HeatmapAsync(Guid id, string field, int from, int to, int columns, CancellationToken cancel = default) =>
        (await GetAsync<PackedHeatmap>($"api/runs/{id}/heatmap" + Query(("field", field), ("from", Num(from)), ("to", Num(to)), ("columns", Num(columns)),
            ("format", PackedWire.Format)), cancel)).ToHeatmap();

    public Task<TimeLagProfiles> TimeLagAsync(Guid id, int layer, int maxProfiles, CancellationToken cancel = default) =>
        GetAsync<TimeLagProfiles>($"api/runs/{id}/time-lag" + Query(("layer", Num(layer)), ("maxProfiles", Num(maxProfiles))), cancel);

    /// <summary>One page of the run's stored events in step order, of one <paramref name="kind"/> when given.</summary>
    public Task<SeriesResponse> OutputDepthsAsync(Guid id, int maxPoints, CancellationToken cancel = default) =>
        GetAsync<SeriesResponse>($"api/runs/{id}/output-depths?maxPoints={maxPoints}", cancel);

    public Task<Page<RunEventMessage>> EventsAsync(Guid id, int page, int pageSize, string? kind = null, CancellationToken cancel = default) =>
        GetAsync<Page<RunEventMessage>>($"api/runs/{id}/events" + Query(("kind", kind), ("page", Num(page)), ("pageSize", Num(pageSize))), cancel);

    public Task<Comparison> CompareAsync(IReadOnlyList<Guid> ids, string field, int? layer, int maxPoints, CancellationToken cancel = default) =>
        GetAsync<Comparison>("api/compare" + Query(("ids", string.Join(',', ids)), ("field", field),
            ("layer", layer is { } l ? Num(l) : null), ("maxPoints", Num(maxPoints))), cancel);

    /// <summary>The run's episodes in first-step order.</summary>
    public Task<IReadOnlyList<RunEpisode>> EpisodesAsync(Guid id, CancellationToken cancel = default) =>
        GetAsync<IReadOnlyList<RunEpisode>>($"api/runs/{id}/episodes", cancel);

    /// <summary>Mean-field theory of a feedforward run at initialisation (a recurrent run answers a problem: <see cref="ApiException"/>).</summary>
    public Task<TheoryReport> TheoryAsync(Guid id, CancellationToken cancel = default) => GetAsync<TheoryReport>($"api/runs/{id}/theory", cancel);

    /// <summary>The one-neuron network's fixed-point branches for w over b ∈ [bMin, bMax] (Doya lab).</summary>
    public Task<BifurcationDiagram> DoyaFixedPointsAsync(double w, double bMin, double bMax, int points, CancellationToken cancel = default) =>
        GetAsync<BifurcationDiagram>("api/labs/doya/fixed-points" + Query(("w", Real(w)), ("bMin", Real(bMin)), ("bMax", Real(bMax)), ("points", Num(points))), cancel);

    /// <summary>Trains the one-neuron network's bias; a rejected request throws <see cref="ApiException"/> naming the fields.</summary>
    public async Task<BiasTrainingTrace> TrainDoyaAsync(BiasTrainingRequest request, CancellationToken cancel = default)
    {
        using var response = await http.PostAsJsonAsync("api/labs/doya/train", request, WireJson.Options, cancel);
        if (!response.IsSuccessStatusCode) throw new ApiException(await ApiProblem.ReadAsync(response, cancel));
        return await response.Content.ReadFromJsonAsync<BiasTrainingTrace>(WireJson.Options, cancel)
            ?? throw new ApiException(new ApiProblem((int)response.StatusCode, "Empty answer", null, new Dictionary<string, string[]>()));
    }

    public Task<Page<SweepSummary>> SweepsAsync(int page, int pageSize, CancellationToken cancel = default) =>
        GetAsync<Page<SweepSummary>>("api/sweeps" + Query(("page", Num(page)), ("pageSize", Num(pageSize))), cancel);

    public Task<SweepSummary> SweepAsync(Guid id, CancellationToken cancel = default) => GetAsync<SweepSummary>($"api/sweeps/{id}", cancel);

    public Task<SweepMatrix> SweepMatrixAsync(Guid id, CancellationToken cancel = default) => GetAsync<SweepMatrix>($"api/sweeps/{id}/matrix", cancel);

    /// <summary>Cancels the sweep's unfinished runs; null on success, else the problem.</summary>
    public Task<ApiProblem?> CancelSweepAsync(Guid id, CancellationToken cancel = default) => PostAsync($"api/sweeps/{id}/cancel", cancel);

    /// <summary>Starts the try-it run of a remedy: a child of the run that differs only in what the remedy changes.</summary>
    public async Task<SubmitOutcome> TryRemedyAsync(Guid id, string remedy, CancellationToken cancel = default)
    {
        using var response = await http.PostAsync($"api/runs/{id}/remedies/{Uri.EscapeDataString(remedy)}", null, cancel);
        return await CreatedAsync(response, cancel);
    }

    /// <summary>Posts the spec (to the preset's endpoint as a merge patch when <paramref name="preset"/> is set, so the run keeps its preset's name).</summary>
    public async Task<SubmitOutcome> SubmitAsync(JsonObject spec, string? preset, CancellationToken cancel = default)
    {
        var url = preset is null ? "api/runs" : $"api/runs/from-preset/{Uri.EscapeDataString(preset)}";
        using var response = await http.PostAsJsonAsync(url, spec, WireJson.Options, cancel);
        return await CreatedAsync(response, cancel);
    }

    /// <summary>Asks the Api to cancel the run; null on success, else the problem (e.g. 409 when it already finished).</summary>
    public Task<ApiProblem?> CancelAsync(Guid id, CancellationToken cancel = default) => PostAsync($"api/runs/{id}/cancel", cancel);

    /// <summary>Deletes the run and everything stored for it; null on success, else the problem (409 while it trains).</summary>
    public async Task<ApiProblem?> DeleteAsync(Guid id, CancellationToken cancel = default)
    {
        using var response = await http.DeleteAsync($"api/runs/{id}", cancel);
        return response.IsSuccessStatusCode ? null : await ApiProblem.ReadAsync(response, cancel);
    }

    private async Task<ApiProblem?> PostAsync(string url, CancellationToken cancel)
    {
        using var response = await http.PostAsync(url, null, cancel);
        return response.IsSuccessStatusCode ? null : await ApiProblem.ReadAsync(response, cancel);
    }

    private static async Task<SubmitOutcome> CreatedAsync(HttpResponseMessage response, CancellationToken cancel)
    {
        if (!response.IsSuccessStatusCode) return new SubmitOutcome(null, await ApiProblem.ReadAsync(response, cancel));
        var created = await response.Content.ReadFromJsonAsync<RunCreated>(WireJson.Options, cancel);
        return new SubmitOutcome(created, created is null ? new ApiProblem((int)response.StatusCode, "Empty answer", null, new Dictionary<string, string[]>()) : null);
    }

    private async Task<T> GetAsync<T>(string url, CancellationToken cancel)
    {
        using var response = await http.GetAsync(url, cancel);
        if (!response.IsSuccessStatusCode) throw new ApiException(await ApiProblem.ReadAsync(response, cancel));
        if (response.Content.Headers.ContentType?.MediaType == PackedWire.MediaType)
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancel);
            return await MessagePackSerializer.DeserializeAsync<T>(body, Packed, cancel);
        }
        return await response.Content.ReadFromJsonAsync<T>(WireJson.Options, cancel)
            ?? throw new ApiException(new ApiProblem((int)response.StatusCode, "Empty answer", url, new Dictionary<string, string[]>()));
    }

    /// <summary>MessagePack as the Api writes it (<see cref="PackedWire"/>), read as untrusted data.</summary>
    internal static readonly MessagePackSerializerOptions Packed = ContractlessStandardResolver.Options.WithSecurity(MessagePackSecurity.UntrustedData);

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Real(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Query(params (string Key, string? Value)[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}").ToList(); // filtered to non-empty just before
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }
}
