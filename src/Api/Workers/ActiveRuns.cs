using System.Collections.Concurrent;

namespace GradientService.Api.Workers;

/// <summary>Runs training in this process, with the handle that stops each one (cancel requests made here act at once).</summary>
public sealed class ActiveRuns
{
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _runs = new();
    private readonly ConcurrentDictionary<Guid, long> _keys = new();

    public IReadOnlyCollection<long> Keys => [.. _runs.Keys];

    public int Count => _runs.Count;

    public void Add(long key, Guid id, CancellationTokenSource cancel)
    {
        _runs[key] = cancel;
        _keys[id] = key;
    }

    public void Remove(long key, Guid id)
    {
        _runs.TryRemove(key, out _);
        _keys.TryRemove(id, out _);
    }

    /// <summary>Stops the run if it trains here; false otherwise (its worker sees the flag in the store at its next heartbeat).</summary>
    public bool TryCancel(Guid id)
    {
        if (!_keys.TryGetValue(id, out var key) || !_runs.TryGetValue(key, out var cancel)) return false;
        try { cancel.Cancel(); } catch (ObjectDisposedException) { return false; }
        return true;
    }
}
