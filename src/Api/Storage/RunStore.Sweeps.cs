using System.Text.Json;
using GradientService.Contracts.Wire;
using Microsoft.EntityFrameworkCore;

namespace GradientService.Api.Storage;

/// <summary>Sweeps in the store: a sweep and its cells' runs are queued together or not at all.</summary>
public sealed partial class RunStore
{
    /// <summary>
    /// Queues <paramref name="sweep"/> with its <paramref name="cells"/>, or returns false when the queue cannot take them
    /// all (<paramref name="maxQueued"/> counts every waiting run, the new cells included). Count and inserts are one write
    /// transaction, as in <see cref="AddAsync"/>.
    /// </summary>
    public async Task<bool> AddSweepAsync(SweepRecord sweep, IReadOnlyList<RunRecord> cells, int maxQueued, CancellationToken cancel)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await db.LockQueueAsync(cancel);
        if (await db.Runs.CountAsync(r => r.Status == RunStatus.Queued, cancel) + cells.Count > maxQueued) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        sweep.CreatedAt = now;
        db.Sweeps.Add(sweep);
        foreach (var run in cells)
        {
            (run.CreatedAt, run.Status, run.SweepId) = (now, RunStatus.Queued, sweep.Id);
            db.Runs.Add(run);
        }
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return true;
    }

    public Task<SweepRecord?> FindSweepAsync(Guid id, CancellationToken cancel) =>
        db.Sweeps.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancel);

    /// <summary>The sweep's runs in cell order.</summary>
    public Task<List<RunRecord>> SweepRunsAsync(Guid id, CancellationToken cancel) =>
        db.Runs.AsNoTracking().Where(r => r.SweepId == id).OrderBy(r => r.SweepCell).ToListAsync(cancel);

    public async Task<Page<SweepSummary>> ListSweepsAsync(int page, int pageSize, CancellationToken cancel)
    {
        var total = await db.Sweeps.CountAsync(cancel);
        var sweeps = await db.Sweeps.AsNoTracking().OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Key)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancel);
        var ids = sweeps.Select(s => s.Id).ToArray();
        var counts = await db.Runs.Where(r => r.SweepId != null && ids.Contains(r.SweepId.Value))
            .GroupBy(r => new { r.SweepId, r.Status }).Select(g => new { g.Key.SweepId, g.Key.Status, Count = g.Count() }).ToListAsync(cancel);
        return new Page<SweepSummary>([.. sweeps.Select(s => Summary(s, counts.Where(c => c.SweepId == s.Id).ToDictionary(c => c.Status, c => c.Count)))],
            page, pageSize, total);
    }

    public async Task<SweepSummary?> SweepSummaryAsync(Guid id, CancellationToken cancel)
    {
        if (await FindSweepAsync(id, cancel) is not { } sweep) return null;
        var counts = await db.Runs.Where(r => r.SweepId == id).GroupBy(r => r.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancel);
        return Summary(sweep, counts);
    }

    /// <summary>Cancels the sweep's queued cells at once and flags its running ones; returns the ids of the running ones (null: no such sweep).</summary>
    public async Task<List<Guid>?> CancelSweepAsync(Guid id, CancellationToken cancel)
    {
        if (!await db.Sweeps.AnyAsync(s => s.Id == id, cancel)) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Runs.Where(r => r.SweepId == id && r.Status == RunStatus.Queued).ExecuteUpdateAsync(
            s => s.SetProperty(r => r.Status, RunStatus.Cancelled).SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.Reason, "Cancelled with its sweep before it started."), cancel);
        var running = db.Runs.Where(r => r.SweepId == id && r.Status == RunStatus.Running);
        await running.ExecuteUpdateAsync(s => s.SetProperty(r => r.CancelRequested, true), cancel);
        return await running.Select(r => r.Id).ToListAsync(cancel);
    }

    public static IReadOnlyList<SweepAxis> Axes(SweepRecord sweep) =>
        JsonSerializer.Deserialize<SweepAxis[]>(sweep.AxesJson, JsonSerializerOptions.Web) ?? [];

    private static SweepSummary Summary(SweepRecord s, IReadOnlyDictionary<RunStatus, int> counts)
    {
        int Count(RunStatus status) => counts.GetValueOrDefault(status);
        return new SweepSummary(s.Id, s.Name, s.Preset, s.CreatedAt, Axes(s), s.Cells, Count(RunStatus.Queued), Count(RunStatus.Running),
            Count(RunStatus.Completed), Count(RunStatus.Diverged), Count(RunStatus.Failed), Count(RunStatus.Cancelled));
    }
}
