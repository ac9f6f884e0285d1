using System.Linq.Expressions;
using GradientService.Api.Series;
using Microsoft.EntityFrameworkCore;

namespace GradientService.Api.Storage;

/// <summary>A recorded value at a step; null where SQLite stored a NaN (REAL columns cannot hold NaN).</summary>
public readonly record struct StepValue(int Step, double? Value);

/// <summary>A layer's value at a step (heatmap cells at full resolution).</summary>
public readonly record struct LayerStepValue(int Layer, int Step, double? Value);

/// <summary>Reads of recorded telemetry. Every query is a range of a clustered key (see <see cref="GradientDbContext"/>).</summary>
public sealed class SeriesStore(GradientDbContext db)
{
    public Task<int> CountStepsAsync(long key, int from, int to, CancellationToken cancel) =>
        db.Steps.CountAsync(s => s.RunKey == key && s.Step >= from && s.Step <= to, cancel);

    /// <summary>The newest recorded step at or before <paramref name="step"/>, if any.</summary>
    public Task<int?> RecordedStepAtOrBeforeAsync(long key, int step, CancellationToken cancel) =>
        db.Steps.Where(s => s.RunKey == key && s.Step <= step).OrderByDescending(s => s.Step).Select(s => (int?)s.Step).FirstOrDefaultAsync(cancel);

    public Task<List<StepRow>> StepsAsync(long key, int from, int to, int limit, CancellationToken cancel) =>
        db.Steps.AsNoTracking().Where(s => s.RunKey == key && s.Step >= from && s.Step <= to)
            .OrderBy(s => s.Step).Take(limit).ToListAsync(cancel);

    public IAsyncEnumerable<StepRow> StreamStepsAsync(long key, int from, int to, int limit) =>
        db.Steps.AsNoTracking().Where(s => s.RunKey == key && s.Step >= from && s.Step <= to)
            .OrderBy(s => s.Step).Take(limit).AsAsyncEnumerable();

    public Task<List<StepValue>> LayerSeriesAsync(long key, int layer, LayerField field, int from, int to, CancellationToken cancel) =>
        db.LayerSamples.AsNoTracking().Where(s => s.RunKey == key && s.Layer == layer && s.Step >= from && s.Step <= to)
            .OrderBy(s => s.Step).Select(Selector(field)).ToListAsync(cancel);

    public Task<List<LayerSample>> AtStepAsync(long key, int layerCount, int step, CancellationToken cancel)
    {
        var layers = Enumerable.Range(1, layerCount).ToArray();
        return db.LayerSamples.AsNoTracking().Where(s => s.RunKey == key && layers.Contains(s.Layer) && s.Step == step)
            .OrderBy(s => s.Layer).ToListAsync(cancel);
    }

    public Task<List<LayerSample>> AtStepsAsync(long key, int layerCount, IReadOnlyCollection<int> steps, CancellationToken cancel)
    {
        var layers = Enumerable.Range(1, layerCount).ToArray();
        var wanted = steps.ToArray();
        return db.LayerSamples.AsNoTracking().Where(s => s.RunKey == key && layers.Contains(s.Layer) && wanted.Contains(s.Step))
            .ToListAsync(cancel);
    }

    /// <summary>Layer samples of every layer over a step range, layer by layer; for exports and fine heatmaps.</summary>
    public IAsyncEnumerable<LayerSample> StreamLayerSamplesAsync(long key, int layerCount, int from, int to, int limit)
    {
        var layers = Enumerable.Range(1, layerCount).ToArray();
        return db.LayerSamples.AsNoTracking().Where(s => s.RunKey == key && layers.Contains(s.Layer) && s.Step >= from && s.Step <= to)
            .OrderBy(s => s.Step).ThenBy(s => s.Layer).Take(limit).AsAsyncEnumerable();
    }

    public Task<List<LayerStepValue>> LayerRangeAsync(long key, int layerCount, LayerField field, int from, int to, CancellationToken cancel)
    {
        var layers = Enumerable.Range(1, layerCount).ToArray();
        var select = LayerSelector(field);
        return db.LayerSamples.AsNoTracking().Where(s => s.RunKey == key && layers.Contains(s.Layer) && s.Step >= from && s.Step <= to)
            .Select(select).ToListAsync(cancel);
    }

    public Task<List<LayerRollup>> RollupsAsync(long key, int layerCount, LayerField field, int firstBucket, int lastBucket, CancellationToken cancel)
    {
        var layers = Enumerable.Range(1, layerCount).ToArray();
        var f = (int)field;
        return db.LayerRollups.AsNoTracking()
            .Where(r => r.RunKey == key && r.Field == f && layers.Contains(r.Layer) && r.Bucket >= firstBucket && r.Bucket <= lastBucket)
            .ToListAsync(cancel);
    }

    public Task<List<RecurrentSample>> TimeLagsAsync(long key, int layer, int from, int to, CancellationToken cancel) =>
        db.RecurrentSamples.AsNoTracking().Where(s => s.RunKey == key && s.Layer == layer && s.Step >= from && s.Step <= to && s.TimeLag != null)
            .OrderBy(s => s.Step).ToListAsync(cancel);

    public Task<List<EventRow>> EventsAsync(long key, string? kind, int from, int to, int? layer, int skip, int take, CancellationToken cancel) =>
        Events(key, kind, from, to, layer).OrderBy(e => e.Step).ThenBy(e => e.Id).Skip(skip).Take(take).ToListAsync(cancel);

    public Task<int> CountEventsAsync(long key, string? kind, int from, int to, int? layer, CancellationToken cancel) =>
        Events(key, kind, from, to, layer).CountAsync(cancel);

    private IQueryable<EventRow> Events(long key, string? kind, int from, int to, int? layer)
    {
        var events = db.Events.AsNoTracking().Where(e => e.RunKey == key && e.Step >= from && e.Step <= to);
        if (kind is not null) events = events.Where(e => e.Kind == kind);
        if (layer is not null) events = events.Where(e => e.Layer == layer);
        return events;
    }

    private static Expression<Func<LayerSample, StepValue>> Selector(LayerField field) => field switch
    {
        LayerField.WeightGradNorm => s => new StepValue(s.Step, s.WeightGradNorm),
        LayerField.BiasGradNorm => s => new StepValue(s.Step, s.BiasGradNorm),
        LayerField.DeltaNorm => s => new StepValue(s.Step, s.DeltaNorm),
        LayerField.WeightNorm => s => new StepValue(s.Step, s.WeightNorm),
        LayerField.UpdateRatio => s => new StepValue(s.Step, s.UpdateRatio),
        LayerField.ActivationMean => s => new StepValue(s.Step, s.ActivationMean),
        LayerField.ActivationStd => s => new StepValue(s.Step, s.ActivationStd),
        LayerField.Saturation => s => new StepValue(s.Step, s.Saturation),
        LayerField.DeadFraction => s => new StepValue(s.Step, s.DeadFraction),
        LayerField.NonFiniteCount => s => new StepValue(s.Step, s.NonFiniteCount),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    private static Expression<Func<LayerSample, LayerStepValue>> LayerSelector(LayerField field) => field switch
    {
        LayerField.WeightGradNorm => s => new LayerStepValue(s.Layer, s.Step, s.WeightGradNorm),
        LayerField.BiasGradNorm => s => new LayerStepValue(s.Layer, s.Step, s.BiasGradNorm),
        LayerField.DeltaNorm => s => new LayerStepValue(s.Layer, s.Step, s.DeltaNorm),
        LayerField.WeightNorm => s => new LayerStepValue(s.Layer, s.Step, s.WeightNorm),
        LayerField.UpdateRatio => s => new LayerStepValue(s.Layer, s.Step, s.UpdateRatio),
        LayerField.ActivationMean => s => new LayerStepValue(s.Layer, s.Step, s.ActivationMean),
        LayerField.ActivationStd => s => new LayerStepValue(s.Layer, s.Step, s.ActivationStd),
        LayerField.Saturation => s => new LayerStepValue(s.Layer, s.Step, s.Saturation),
        LayerField.DeadFraction => s => new LayerStepValue(s.Layer, s.Step, s.DeadFraction),
        LayerField.NonFiniteCount => s => new LayerStepValue(s.Layer, s.Step, s.NonFiniteCount),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>The value of <paramref name="field"/> in a loaded sample (NaN for a stored NULL).</summary>
    public static double Value(LayerSample s, LayerField field) => (field switch
    {
        LayerField.WeightGradNorm => s.WeightGradNorm,
        LayerField.BiasGradNorm => s.BiasGradNorm,
        LayerField.DeltaNorm => s.DeltaNorm,
        LayerField.WeightNorm => s.WeightNorm,
        LayerField.UpdateRatio => s.UpdateRatio,
        LayerField.ActivationMean => s.ActivationMean,
        LayerField.ActivationStd => s.ActivationStd,
        LayerField.Saturation => s.Saturation,
        LayerField.DeadFraction => s.DeadFraction,
        LayerField.NonFiniteCount => s.NonFiniteCount,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    }) ?? double.NaN;

    public static double Value(StepRow s, StepField field) => (field switch
    {
        StepField.Loss => s.Loss,
        StepField.TrainAccuracy => s.TrainAccuracy,
        StepField.TestLoss => s.TestLoss,
        StepField.TestAccuracy => s.TestAccuracy,
        StepField.LearningRate => s.LearningRate,
        StepField.GradNormBefore => s.GradNormBefore,
        StepField.GradNormAfter => s.GradNormAfter,
        StepField.ClipScale => s.ClipScale,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    }) ?? double.NaN;
}
