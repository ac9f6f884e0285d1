using System.Text.Json;
using GradientService.Contracts.Wire;
using GradientService.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace GradientService.Api.Storage;

// The worker side of the store: claiming runs under a lease, heartbeats, resume and the end of a run.
public sealed partial class RunStore
{
    /// <summary>
    /// Claims the next run for <paramref name="owner"/>: first a running run whose lease expired (or that this instance
    /// owned before a restart and is not training now), then the oldest queued run, taking sweeps' cells round by round:
    /// cell k of every sweep after cell k − 1 of every sweep (a run of no sweep counts as cell 0), so a run or sweep
    /// submitted behind a 48-cell sweep waits for one round, not for all 48. One transaction: on PostgreSQL the candidate
    /// row is locked with <c>FOR UPDATE SKIP LOCKED</c> (<see cref="Postgres.RowLocks"/>), so instances claiming at once
    /// take different runs instead of queueing on one; SQLite's write lock serialises claims. The conditional update
    /// keeps the claim safe either way.
    /// </summary>
    public async Task<RunRecord?> ClaimNextAsync(string owner, TimeSpan lease, IReadOnlyCollection<long> active, CancellationToken cancel)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            var candidate = await Claimable(owner, active, now).TagWith(Postgres.RowLocks.SkipLocked)
                .OrderBy(r => r.Status == RunStatus.Running ? 0 : 1).ThenBy(r => r.SweepCell ?? 0).ThenBy(r => r.Key)
                .Select(r => (long?)r.Key).FirstOrDefaultAsync(cancel);
            if (candidate is not { } key) return null;
            var claimed = await Claimable(owner, active, now).Where(r => r.Key == key).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, RunStatus.Running)
                .SetProperty(r => r.LeaseOwner, owner)
                .SetProperty(r => r.LeaseExpiresAt, now + lease)
                .SetProperty(r => r.StartedAt, r => r.StartedAt ?? now)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1), cancel);
            await transaction.CommitAsync(cancel);
            if (claimed == 1) return await db.Runs.AsNoTracking().FirstAsync(r => r.Key == key, cancel);
        }
        return null;
    }

    private IQueryable<RunRecord> Claimable(string owner, IReadOnlyCollection<long> active, DateTime now) =>
        db.Runs.Where(r => r.Status == RunStatus.Queued
            || (r.Status == RunStatus.Running && !active.Contains(r.Key)
                && (r.LeaseExpiresAt == null || r.LeaseExpiresAt < now || r.LeaseOwner == owner)));

    /// <summary>Extends the lease; returns whether it is still ours and whether a cancel was requested.</summary>
    public async Task<(bool Owned, bool CancelRequested)> RenewLeaseAsync(long key, string owner, TimeSpan lease, CancellationToken cancel)
    {
        var expires = clock.GetUtcNow().UtcDateTime + lease;
        var renewed = await db.Runs.Where(r => r.Key == key && r.LeaseOwner == owner && r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseExpiresAt, expires), cancel);
        var cancelRequested = await db.Runs.Where(r => r.Key == key).Select(r => r.CancelRequested).FirstOrDefaultAsync(cancel);
        return (renewed == 1, cancelRequested);
    }

    /// <summary>Leaves a run resumable by anyone at once (used when this process shuts down mid-run).</summary>
    public Task ReleaseLeaseAsync(long key, string owner, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Runs.Where(r => r.Key == key && r.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseExpiresAt, now), cancel);
    }

    public Task SetModelAsync(long key, ModelInfo model, CancellationToken cancel)
    {
        var layers = model.Layers.Select(l => new LayerDescription(l.Index, l.Name, l.Inputs, l.Outputs, l.Kind)).ToArray();
        var json = JsonSerializer.Serialize(layers, JsonSerializerOptions.Web);
        return db.Runs.Where(r => r.Key == key).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.LayerCount, layers.Length)
            .SetProperty(r => r.LayersJson, json)
            .SetProperty(r => r.RecurrentLayers, model.RecurrentLayers)
            .SetProperty(r => r.ParameterCount, model.ParameterCount), cancel);
    }

    /// <summary>
    /// Marks the run finished and drops its lease, when <paramref name="owner"/> still holds it; null when another instance
    /// took the run over (or finished it) since: the run is left as it is.
    /// </summary>
    public async Task<RunRecord?> FinishAsync(long key, string owner, RunStatus status, string? reason, Divergence? divergence, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var finished = await db.Runs.Where(r => r.Key == key && r.LeaseOwner == owner).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, status)
            .SetProperty(r => r.Reason, reason)
            .SetProperty(r => r.DivergedStep, divergence == null ? null : divergence.Step)
            .SetProperty(r => r.DivergedLayer, divergence == null ? null : divergence.Layer)
            .SetProperty(r => r.FinishedAt, now)
            .SetProperty(r => r.LeaseOwner, (string?)null)
            .SetProperty(r => r.LeaseExpiresAt, (DateTime?)null), cancel);
        if (finished == 0) return null;
        // The run tap closed its episodes before this; a run that failed with its recorder may have left some open.
        await db.Episodes.Where(e => e.RunKey == key && e.Open).ExecuteUpdateAsync(s => s.SetProperty(e => e.Open, false), cancel);
        return await db.Runs.AsNoTracking().FirstAsync(r => r.Key == key, cancel);
    }

    /// <summary>
    /// Makes the recorded telemetry end exactly at <paramref name="step"/> (the checkpoint a resumed run restarts from):
    /// everything recorded after it is deleted in one transaction, so the re-run steps are stored once.
    /// </summary>
    public async Task TruncateAfterAsync(long key, int step, CancellationToken cancel)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var firstOpenBucket = LayerRollup.BucketOf(step + 1);
        var lastKeptChunk = step == 0 ? -1 : LayerChunk.ChunkOf(step);
        await db.Steps.Where(x => x.RunKey == key && x.Step > step).ExecuteDeleteAsync(cancel);
        await db.LayerChunks.Where(x => x.RunKey == key && x.Chunk > lastKeptChunk).ExecuteDeleteAsync(cancel);
        if (step > 0 && LayerChunk.OffsetOf(step) < LayerChunk.Width - 1)
        {
            // The chunk holding the checkpoint's step may hold later steps too: keep only its offsets up to the step.
            var keep = (1 << (LayerChunk.OffsetOf(step) + 1)) - 1;
            foreach (var chunk in await db.LayerChunks.Where(x => x.RunKey == key && x.Chunk == lastKeptChunk).ToListAsync(cancel))
                chunk.Present &= keep;
            await db.SaveChangesAsync(cancel);
        }
        await db.LayerRollups.Where(x => x.RunKey == key && x.Bucket >= firstOpenBucket).ExecuteDeleteAsync(cancel);
        await db.StepRollups.Where(x => x.RunKey == key && x.Bucket >= firstOpenBucket).ExecuteDeleteAsync(cancel);
        await db.RecurrentSamples.Where(x => x.RunKey == key && x.Step > step).ExecuteDeleteAsync(cancel);
        await db.OutputDepthSamples.Where(x => x.RunKey == key && x.Step > step).ExecuteDeleteAsync(cancel);
        await db.Events.Where(x => x.RunKey == key && x.Step > step).ExecuteDeleteAsync(cancel);
        // The detectors restart fresh: episodes begun after the step are found again; those still open (or running past
        // it) end at it. Steps drop by the steps cut off (exact when every step is recorded); a peak past it stays.
        await db.Episodes.Where(x => x.RunKey == key && x.FirstStep > step).ExecuteDeleteAsync(cancel);
        await db.Episodes.Where(x => x.RunKey == key && (x.Open || x.LastStep > step)).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Open, false)
            .SetProperty(e => e.Steps, e => e.LastStep > step ? e.Steps - (e.LastStep - step) : e.Steps)
            .SetProperty(e => e.LastStep, e => e.LastStep > step ? step : e.LastStep), cancel);
        await db.Checkpoints.Where(x => x.RunKey == key && x.Step > step).ExecuteDeleteAsync(cancel);
        var clipEvents = await db.Events.CountAsync(x => x.RunKey == key && x.Kind == RunEventKinds.Clipping, cancel);
        var nonFinite = await db.Events.CountAsync(x => x.RunKey == key && x.Kind == RunEventKinds.NonFinite, cancel);
        await db.Runs.Where(r => r.Key == key).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.StepsDone, step)
            .SetProperty(r => r.CheckpointStep, step)
            .SetProperty(r => r.ClipEvents, clipEvents)
            .SetProperty(r => r.NonFiniteEvents, nonFinite)
            .SetProperty(r => r.CancelRequested, false), cancel);
        await transaction.CommitAsync(cancel);
    }

    public Task<CheckpointRow?> LoadCheckpointAsync(long key, int? step, CancellationToken cancel) =>
        db.Checkpoints.AsNoTracking().Where(c => c.RunKey == key && (step == null || c.Step == step))
            .OrderByDescending(c => c.Step).FirstOrDefaultAsync(cancel);

    public Task<List<CheckpointInfo>> ListCheckpointsAsync(long key, CancellationToken cancel) =>
        db.Checkpoints.AsNoTracking().Where(c => c.RunKey == key).OrderBy(c => c.Step)
            .Select(c => new CheckpointInfo(c.Step, c.Data.Length, c.CreatedAt)).ToListAsync(cancel);
}
