using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Web.Charts;
using GradientService.Web.Live;
using GradientService.Web.Services;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Pages;

/// <summary>What the run page loads over HTTP before the hub takes over: the stored history, episodes and the theory.</summary>
public partial class Run
{
    [Inject]
    public required ChartsModule Charts { get; init; }

    /// <summary>Points per scalar series: min-max buckets about one per pixel of a chart as wide as a screen.</summary>
    public const int SeriesPoints = 2000;

    /// <summary>
    /// The stored history through step <paramref name="held"/> over HTTP, downsampled to about a screen's width (a
    /// 100,000-step run is a few thousand numbers, not every step; in MessagePack's columns, all asked for at once): the scalar series,
    /// events, episodes, the newest step's depth profile and the heatmap shown. The hub then sends what follows
    /// <paramref name="held"/>; the heatmaps of the other gradient fields follow once the page is open (<see cref="LoadDepthFieldsAsync"/>).
    /// </summary>
    private async Task LoadHistoryAsync(RunData data, int held)
    {
        var steps = Api.StepsAsync(Id, RunData.SeriesFields, SeriesPoints, held);
        var events = Api.EventsAsync(Id, page: 1, pageSize: 200);
        var profile = Api.DepthProfileAsync(Id, held, string.Join(',', LayerMetrics.Table.Names));
        var heatmap = StoredHeatmapAsync(_heatmapField, 1, held);
        var episodes = Api.EpisodesAsync(Id);
        if (await Quietly(steps) is not { } series || await Quietly(events) is not { } stored)
        {
            await Task.WhenAll(Quietly(profile), Quietly(episodes), heatmap);
            return; // nothing stored yet: the hub's backfill brings everything
        }
        data.Seed(series, stored.Items, _detail?.EventCounts ?? new Dictionary<string, int>(), held);
        if (await Quietly(profile) is { } newest) data.Merge(newest);
        if (await heatmap is { } shown) data.Merge(shown);
        await TickAsync(); // the first look: heatmap, depth profile and training charts
        await Charts.NextFrameAsync(); // drawn and painted before the episodes' table renders
        if (await Quietly(episodes) is { } found) data.Merge(found);
        if (_detail?.Spec is { } spec && spec.Pretraining.Steps(PretrainingSpec.DepthOf(spec.Model)) is > 0 and var pretraining)
            await FillHeatmapAsync(LayerMetrics.Table[LayerMetric.ReconstructionError].Name, 1, Math.Min(pretraining, data.LastStep));
        if (_detail?.RecurrentLayers > 0) await LoadTimeLagAsync();
        if (HasOutputDepths) await LoadOutputDepthsAsync();
    }

    /// <summary>The heatmaps of the gradient fields not shown, which the depth profile reads at older steps; after the first look.</summary>
    private async Task LoadDepthFieldsAsync()
    {
        if (_data is not { LastStep: > 0 } data) return;
        foreach (var field in ChartedMetrics.GradientsOf(_detail?.Spec.Model).Where(f => f != _heatmapField))
        {
            if (_data != data || _ticker is null) return; // the page left this run meanwhile
            await FillHeatmapAsync(field, 1, data.LastStep);
        }
    }

    /// <summary>The answer, or null when the Api refused (the run is gone or has nothing stored).</summary>
    private static async Task<T?> Quietly<T>(Task<T> request) where T : class
    {
        try
        {
            return await request;
        }
        catch (ApiException)
        {
            return null;
        }
    }

    /// <summary>Whether the run's read-out is a hierarchical softmax, whose gradient per tree depth the page charts.</summary>
    private bool HasOutputDepths => _detail?.Spec.Training.Output == OutputLayer.HierarchicalSoftmax;

    private async Task LoadOutputDepthsAsync()
    {
        try
        {
            _data?.MergeOutputDepths(await Api.OutputDepthsAsync(Id, 2000));
        }
        catch (ApiException)
        {
            // Nothing stored yet: the hub's batches bring the norms.
        }
    }

    private async Task LoadTimeLagAsync()
    {
        try
        {
            _data?.Merge(await Api.TimeLagAsync(Id, 1, 200));
        }
        catch (ApiException)
        {
            // Not measured for this run (time-lag recording off): the panel stays empty.
        }
    }

    /// <summary>Mean-field theory of a feedforward run, for the depth profile's predicted line; null when the Api has none for it.</summary>
    private async Task<TheoryReport?> LoadTheoryAsync()
    {
        try
        {
            return await Api.TheoryAsync(Id);
        }
        catch (ApiException)
        {
            return null;
        }
    }
}
