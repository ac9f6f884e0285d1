using GradientService.Contracts.Wire;
using Microsoft.EntityFrameworkCore;

namespace GradientService.Api.Storage;

/// <summary>Runs in the store: submit, list, find, cancel, delete. Leases and life-cycle updates are in RunStore.Lease.cs.</summary>
public sealed partial class RunStore(GradientDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Queues <paramref name="run"/>, or returns null when <paramref name="maxQueued"/> runs already wait. The count and the
    /// insert are one write transaction holding the queue's lock (<see cref="GradientDbContext.LockQueueAsync"/>) before the
    /// count, so submissions to several processes on one database cannot pass the limit together.
    /// </summary>
    public async Task<RunRecord?> AddAsync(RunRecord run, int maxQueued, CancellationToken cancel)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await db.LockQueueAsync(cancel);
        if (await db.Runs.CountAsync(r => r.Status == RunStatus.Queued, cancel) >= maxQueued) return null;
        run.CreatedAt = clock.GetUtcNow().UtcDateTime;
        run.Status = RunStatus.Queued;
        db.Runs.Add(run);
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return run;
    }

    public Task<RunRecord?> FindAsync(Guid id, CancellationToken cancel) =>
        db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancel);

    public Task<List<RunRecord>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancel) =>
        db.Runs.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(cancel);

    public async Task<Page<RunSummary>> ListAsync(RunQuery query, CancellationToken cancel)
    {
        var runs = db.Runs.AsNoTracking();
        if (query.Status is { } status) runs = runs.Where(r => r.Status == status);
        if (query.Architecture is { } architecture) runs = runs.Where(r => r.Architecture == architecture);
        if (query.Activation is { } activation) runs = runs.Where(r => r.Activation == activation);
        if (query.Init is { } init) runs = runs.Where(r => r.Init == init);
        if (query.Sweep is { } sweep) runs = runs.Where(r => r.SweepId == sweep);
        if (query.CreatedFrom is { } createdFrom) runs = runs.Where(r => r.CreatedAt >= createdFrom);
        if (query.CreatedTo is { } createdTo) runs = runs.Where(r => r.CreatedAt <= createdTo);
        if (query.Parent is { } parent) runs = runs.Where(r => r.ParentId == parent);
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var pattern = "%" + query.Text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            runs = db.NameOrPresetLike(runs, pattern);
        }
        var total = await runs.CountAsync(cancel);
        runs = query.Sort switch
        {
            RunSort.CreatedAsc => runs.OrderBy(r => r.CreatedAt).ThenBy(r => r.Key),
            RunSort.Name => runs.OrderBy(r => r.Name).ThenByDescending(r => r.Key),
            RunSort.Status => runs.OrderBy(r => r.Status).ThenByDescending(r => r.Key),
            RunSort.FinalLoss => runs.OrderBy(r => r.LastLoss == null).ThenBy(r => r.LastLoss).ThenByDescending(r => r.Key),
            _ => runs.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Key),
        };
        var items = await runs.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancel);
        return new Page<RunSummary>([.. items.Select(RunMapping.ToSummary)], query.Page, query.PageSize, total);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountEventsAsync(long runKey, CancellationToken cancel) =>
        await db.Events.Where(e => e.RunKey == runKey).GroupBy(e => e.Kind)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancel);

    /// <summary>A queued run is cancelled at once; a running one is flagged and its worker stops it after the current step.</summary>
    public async Task<CancelOutcome> RequestCancelAsync(Guid id, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var queued = await db.Runs.Where(r => r.Id == id && r.Status == RunStatus.Queued).ExecuteUpdateAsync(
            s => s.SetProperty(r => r.Status, RunStatus.Cancelled).SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.Reason, "Cancelled before it started."), cancel);
        if (queued == 1) return CancelOutcome.Cancelled;
        var running = await db.Runs.Where(r => r.Id == id && r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CancelRequested, true), cancel);
        if (running == 1) return CancelOutcome.Requested;
        return await db.Runs.AnyAsync(r => r.Id == id, cancel) ? CancelOutcome.AlreadyFinished : CancelOutcome.NotFound;
    }

    /// <summary>Deletes a run that is not training, with everything recorded for it, in one transaction.</summary>
    public async Task<DeleteOutcome> DeleteAsync(Guid id, CancellationToken cancel)
    {
        var run = await FindAsync(id, cancel);
        if (run is null) return DeleteOutcome.NotFound;
        if (run.Status == RunStatus.Running) return DeleteOutcome.Running;
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var key = run.Key;
        await db.Steps.Where(x => x.RunKey == key).ExecuteDeleteAsync(cancel);
        await db.LayerChunks.Where(x => x.RunKey == key).ExecuteDeleteAsync(cancel);
        await db.LayerRollups.Where(x => x.RunKey == key).ExecuteDeleteAsync(cancel);
        await db.StepRollups.Where(x => x.RunKey == key).ExecuteDeleteAsync(cancel);
        await db.RecurrentSamples.Where(x => x.RunKey == key).ExecuteDeleteAsync(cancel);
        await db.OutputDepthSamples.Where(x => x.RunKey == key).ExecuteDeleteAsync(cancel);
        await db.Events.Where(x => x.RunKey == key).ExecuteDeleteAsync(cancel);
        await db.Episodes.Where(x => x.RunKey == key).ExecuteDeleteAsync(cancel);
        await db.Checkpoints.Where(x => x.RunKey == key).ExecuteDeleteAsync(cancel);
        var deleted = await db.Runs.Where(r => r.Key == key && r.Status != RunStatus.Running).ExecuteDeleteAsync(cancel);
        if (deleted == 0) return DeleteOutcome.Running; // claimed between the read and the delete; the transaction rolls back
        await transaction.CommitAsync(cancel);
        return DeleteOutcome.Deleted;
    }

    public async Task<IReadOnlyDictionary<RunStatus, int>> CountByStatusAsync(CancellationToken cancel) =>
        await db.Runs.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancel);
}

public enum CancelOutcome { NotFound, AlreadyFinished, Cancelled, Requested }

public enum DeleteOutcome { NotFound, Running, Deleted }
