using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Web.Live;
using GradientService.Web.Services;

namespace GradientService.Web.Pages;

/// <summary>What the run page loads over HTTP before the hub takes over: the stored history, episodes and the theory.</summary>
public partial class Run
{
    /// <summary>
    /// The stored history over HTTP, downsampled (a 10,000-step run is a few thousand numbers, not every step): scalar
    /// series, events, the heatmaps the charts show first and the time-lag profiles. The hub then sends what follows.
    /// </summary>
    private async Task LoadHistoryAsync(RunData data)
    {
        try
        {
            var steps = await Api.StepsAsync(Id, RunData.SeriesFields, maxPoints: 2000);
            var events = await Api.EventsAsync(Id, page: 1, pageSize: 200);
            data.Seed(steps, events.Items, _detail?.EventCounts ?? new Dictionary<string, int>());
        }
        catch (ApiException)
        {
            return; // nothing stored yet: the hub's backfill brings everything
        }
        await LoadEpisodesAsync(data);
        foreach (var field in ChartedMetrics.GradientsOf(_detail?.Spec.Model)) await FillHeatmapAsync(field, 1, data.LastStep);
        if (_detail?.Spec is { } spec && spec.Pretraining.Steps(PretrainingSpec.DepthOf(spec.Model)) is > 0 and var pretraining)
            await FillHeatmapAsync(LayerMetrics.Table[LayerMetric.ReconstructionError].Name, 1, Math.Min(pretraining, data.LastStep));
        if (_detail?.RecurrentLayers > 0) await LoadTimeLagAsync();
        if (HasOutputDepths) await LoadOutputDepthsAsync();
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

    private async Task LoadEpisodesAsync(RunData data)
    {
        try
        {
            data.Merge(await Api.EpisodesAsync(Id));
        }
        catch (ApiException)
        {
            // None stored (or the run was deleted meanwhile): the hub's batches bring what follows.
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
