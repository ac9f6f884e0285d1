using System.Collections.Concurrent;
using GradientService.Api.Storage;

namespace GradientService.Api.Workers;

/// <summary>Runs training in this process, with the handle that stops each one (cancel requests made here act at once).</summary>
public sealed class ActiveRuns
{
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _runs = new();
    private readonly ConcurrentDictionary<Guid, long> _keys = new();
    private readonly SemaphoreSlim _claiming = new(1, 1);

    public IReadOnlyCollection<long> Keys => [.. _runs.Keys];

    public int Count => _runs.Count;

    /// <summary>
    /// Claims a run through <paramref name="claim"/> (given the keys training here) and registers it before any other slot
    /// of this process may claim. The store lets this instance take back a running run it owns that does not train here
    /// (its own runs after a restart), so a run claimed but not yet registered looked claimable to the next slot, which
    /// then trained it a second time beside the first (UNIQUE constraint failed on Steps).
    /// </summary>
    public async Task<ActiveRun?> ClaimAsync(Func<IReadOnlyCollection<long>, Task<RunRecord?>> claim, CancellationToken cancel)
    {
        await _claiming.WaitAsync(cancel);
        try
        {
            if (await claim(Keys) is not { } run) return null;
            var active = new ActiveRun(this, run);
            _runs[run.Key] = active.Cancel;
            _keys[run.Id] = run.Key;
            return active;
        }
        finally
        {
            _claiming.Release();
        }
    }

    /// <summary>Stops the run if it trains here; false otherwise (its worker sees the flag in the store at its next heartbeat).</summary>
    public bool TryCancel(Guid id)
    {
        if (!_keys.TryGetValue(id, out var key) || !_runs.TryGetValue(key, out var cancel)) return false;
        try { cancel.Cancel(); } catch (ObjectDisposedException) { return false; }
        return true;
    }

    private void Remove(RunRecord run)
    {
        _runs.TryRemove(run.Key, out _);
        _keys.TryRemove(run.Id, out _);
    }

    /// <summary>A run claimed by this process; disposing it unregisters the run.</summary>
    public sealed class ActiveRun(ActiveRuns owner, RunRecord record) : IDisposable
    {
        public RunRecord Record { get; } = record;

        /// <summary>Fires on a cancel request made in this process (or noticed in the store by the heartbeat).</summary>
        public CancellationTokenSource Cancel { get; } = new();

        public void Dispose()
        {
            owner.Remove(Record);
            Cancel.Dispose();
        }
    }
}
