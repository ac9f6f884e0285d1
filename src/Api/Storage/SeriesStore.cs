using GradientService.Contracts.Metrics;
using Microsoft.EntityFrameworkCore;

namespace GradientService.Api.Storage;

/// <summary>A recorded value at a step (NaN and ±∞ kept).</summary>
public readonly record struct StepValue(int Step, double Value);

/// <summary>A layer's value at a step (heatmap cells at full resolution).</summary>
public readonly record struct LayerStepValue(int Layer, int Step, double Value);

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

    /// <summary>The step rollups of buckets [<paramref name="firstBucket"/>, <paramref name="lastBucket"/>], ascending.</summary>
    public Task<List<StepRollup>> StepRollupsAsync(long key, int firstBucket, int lastBucket, CancellationToken cancel) =>
        db.StepRollups.AsNoTracking().Where(r => r.RunKey == key && r.Bucket >= firstBucket && r.Bucket <= lastBucket)
            .OrderBy(r => r.Bucket).ToListAsync(cancel);

    public IAsyncEnumerable<StepRow> StreamStepsAsync(long key, int from, int to, int limit) =>
        db.Steps.AsNoTracking().Where(s => s.RunKey == key && s.Step >= from && s.Step <= to)
            .OrderBy(s => s.Step).Take(limit).AsAsyncEnumerable();

    /// <summary>
    /// One metric of one layer over [from, to], absent values left out. Only that metric's block of each chunk leaves
    /// the store (substr on the blob, at the block's place in the row's layout version): a tenth of the bytes, so a
    /// 100,000-step series is 6,250 rows of 66 bytes (a float32 run) or 130.
    /// </summary>
    public async Task<List<StepValue>> LayerSeriesAsync(long key, int layer, LayerMetric metric, int from, int to, CancellationToken cancel)
    {
        var (first, last) = (LayerChunk.ChunkOf(from), LayerChunk.ChunkOf(to));
        var (v1, v2, v3) = (ChunkCodec.Block(1, (int)metric), ChunkCodec.Block(2, (int)metric), ChunkCodec.Block(3, (int)metric));
        int start1 = v1.Start + 1, length1 = v1.Length, start2 = v2.Start + 1, length2 = v2.Length, start3 = v3.Start + 1, length3 = v3.Length; // substr counts from 1
        var blocks = await db.LayerChunks.AsNoTracking()
            .Where(c => c.RunKey == key && c.Layer == layer && c.Chunk >= first && c.Chunk <= last)
            .OrderBy(c => c.Chunk)
            .Select(c => new
            {
                c.Chunk,
                c.Present,
                c.Version,
                Block = c.Version == 1 ? GradientDbContext.Substr(c.Data, start1, length1)
                    : c.Version == 2 ? GradientDbContext.Substr(c.Data, start2, length2) : GradientDbContext.Substr(c.Data, start3, length3),
            })
            .ToListAsync(cancel);
        var result = new List<StepValue>(blocks.Count * LayerChunk.Width);
        foreach (var b in blocks)
        {
            var firstStep = LayerChunk.FirstStep(b.Chunk);
            for (var offset = 0; offset < LayerChunk.Width; offset++)
            {
                var step = firstStep + offset;
                if ((b.Present & (1 << offset)) == 0 || step < from || step > to) continue;
                if (ChunkCodec.ReadBlock(b.Block, b.Version, offset) is { } value) result.Add(new StepValue(step, value));
            }
        }
        return result;
    }

    /// <summary>Every layer's samples at one step, ordered by layer.</summary>
    public Task<List<LayerSample>> AtStepAsync(long key, int layerCount, int step, CancellationToken cancel) =>
        AtStepsAsync(key, layerCount, [step], cancel);

    /// <summary>Every layer's samples at the given steps, ordered by step then layer.</summary>
    public async Task<List<LayerSample>> AtStepsAsync(long key, int layerCount, IReadOnlyCollection<int> steps, CancellationToken cancel)
    {
        var layers = Enumerable.Range(1, layerCount).ToArray();
        var wanted = steps.ToHashSet();
        var chunkIds = wanted.Select(LayerChunk.ChunkOf).Distinct().ToArray();
        var chunks = await db.LayerChunks.AsNoTracking()
            .Where(c => c.RunKey == key && layers.Contains(c.Layer) && chunkIds.Contains(c.Chunk)).ToListAsync(cancel);
        return [.. chunks.SelectMany(c => ChunkCodec.Unpack(c)).Where(s => wanted.Contains(s.Step)).OrderBy(s => s.Step).ThenBy(s => s.Layer)];
    }

    /// <summary>Every layer's samples over a step range, step by step (layers in order), read a window of chunks at a time.</summary>
    public async IAsyncEnumerable<LayerSample> StreamLayerSamplesAsync(long key, int layerCount, int from, int to, int limit,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel = default)
    {
        const int window = 128; // chunks per read: 1,024 steps of every layer in memory at once
        var layers = Enumerable.Range(1, layerCount).ToArray();
        var last = await db.LayerChunks.Where(c => c.RunKey == key && c.Layer == 1).MaxAsync(c => (int?)c.Chunk, cancel) ?? -1;
        last = Math.Min(last, LayerChunk.ChunkOf(Math.Max(1, to)));
        var sent = 0;
        for (var start = LayerChunk.ChunkOf(Math.Max(1, from)); start <= last; start += window)
        {
            var end = start + window - 1;
            var chunks = await db.LayerChunks.AsNoTracking()
                .Where(c => c.RunKey == key && layers.Contains(c.Layer) && c.Chunk >= start && c.Chunk <= end).ToListAsync(cancel);
            foreach (var sample in chunks.SelectMany(c => ChunkCodec.Unpack(c, from, to)).OrderBy(s => s.Step).ThenBy(s => s.Layer))
            {
                if (sent++ >= limit) yield break;
                yield return sample;
            }
        }
    }

    /// <summary>One metric of every layer over a step range, absent values left out (heatmap cells at full resolution).</summary>
    public async Task<List<LayerStepValue>> LayerRangeAsync(long key, int layerCount, LayerMetric metric, int from, int to, CancellationToken cancel)
    {
        var layers = Enumerable.Range(1, layerCount).ToArray();
        var (first, last) = (LayerChunk.ChunkOf(from), LayerChunk.ChunkOf(to));
        var chunks = await db.LayerChunks.AsNoTracking()
            .Where(c => c.RunKey == key && layers.Contains(c.Layer) && c.Chunk >= first && c.Chunk <= last).ToListAsync(cancel);
        var result = new List<LayerStepValue>();
        var steps = new List<int>(LayerChunk.Width);
        var values = new List<double>(LayerChunk.Width);
        foreach (var chunk in chunks)
        {
            steps.Clear();
            values.Clear();
            ChunkCodec.Metric(chunk, metric, from, to, steps, values);
            for (var i = 0; i < steps.Count; i++) result.Add(new LayerStepValue(chunk.Layer, steps[i], values[i]));
        }
        return result;
    }

    public Task<List<LayerRollup>> RollupsAsync(long key, LayerMetric metric, int firstBucket, int lastBucket, CancellationToken cancel)
    {
        var f = (int)metric;
        return db.LayerRollups.AsNoTracking()
            .Where(r => r.RunKey == key && r.Field == f && r.Bucket >= firstBucket && r.Bucket <= lastBucket)
            .ToListAsync(cancel);
    }

    public Task<List<RecurrentSample>> TimeLagsAsync(long key, int layer, int from, int to, CancellationToken cancel) =>
        db.RecurrentSamples.AsNoTracking().Where(s => s.RunKey == key && s.Layer == layer && s.Step >= from && s.Step <= to && s.TimeLag != null)
            .OrderBy(s => s.Step).ToListAsync(cancel);

    /// <summary>A hierarchical-softmax run's per-depth gradient norms at the recorded steps in [from, to], by step (at most <paramref name="limit"/>).</summary>
    public Task<List<OutputDepthSample>> OutputDepthsAsync(long key, int from, int to, int limit, CancellationToken cancel) =>
        db.OutputDepthSamples.AsNoTracking().Where(s => s.RunKey == key && s.Step >= from && s.Step <= to)
            .OrderBy(s => s.Step).Take(limit).ToListAsync(cancel);

    /// <summary>A recurrent layer's newest <paramref name="count"/> samples, newest first (only those with a time-lag profile when <paramref name="withTimeLag"/>).</summary>
    public Task<List<RecurrentSample>> NewestRecurrentAsync(long key, int layer, bool withTimeLag, int count, CancellationToken cancel) =>
        db.RecurrentSamples.AsNoTracking().Where(s => s.RunKey == key && s.Layer == layer && (!withTimeLag || s.TimeLag != null))
            .OrderByDescending(s => s.Step).Take(count).ToListAsync(cancel);

    /// <summary>σ_max(W_hh) of one recurrent layer at its first recorded step (the init's), or null.</summary>
    public Task<double?> FirstSigmaMaxAsync(long key, int layer, CancellationToken cancel) =>
        db.RecurrentSamples.AsNoTracking().Where(s => s.RunKey == key && s.Layer == layer).OrderBy(s => s.Step).Select(s => s.SigmaMax).FirstOrDefaultAsync(cancel);

    public Task<List<EventRow>> EventsAsync(long key, string? kind, int from, int to, int? layer, int skip, int take, CancellationToken cancel) =>
        Events(key, kind, from, to, layer).OrderBy(e => e.Step).ThenBy(e => e.Id).Skip(skip).Take(take).ToListAsync(cancel);

    public Task<int> CountEventsAsync(long key, string? kind, int from, int to, int? layer, CancellationToken cancel) =>
        Events(key, kind, from, to, layer).CountAsync(cancel);

    /// <summary>γ·σ_max of every recurrent layer at each recorded step in [from, to], by step then layer (the detectors' replay).</summary>
    public async Task<List<(int Step, int Layer, double BoundFactor)>> BoundFactorsAsync(long key, int from, int to, CancellationToken cancel) =>
        [.. (await db.RecurrentSamples.AsNoTracking().Where(s => s.RunKey == key && s.Step >= from && s.Step <= to)
            .OrderBy(s => s.Step).ThenBy(s => s.Layer).Select(s => new { s.Step, s.Layer, s.BoundFactor }).ToListAsync(cancel))
            .Select(s => (s.Step, s.Layer, s.BoundFactor ?? double.NaN))];

    /// <summary>The run's episodes in order of their first step (a handful even for a long run: they are aggregated).</summary>
    public Task<List<EpisodeRow>> EpisodesAsync(long key, CancellationToken cancel) =>
        db.Episodes.AsNoTracking().Where(e => e.RunKey == key).OrderBy(e => e.FirstStep).ThenBy(e => e.Kind).ThenBy(e => e.Track).ToListAsync(cancel);

    private IQueryable<EventRow> Events(long key, string? kind, int from, int to, int? layer)
    {
        var events = db.Events.AsNoTracking().Where(e => e.RunKey == key && e.Step >= from && e.Step <= to);
        if (kind is not null) events = events.Where(e => e.Kind == kind);
        if (layer is not null) events = events.Where(e => e.Layer == layer);
        return events;
    }
}
