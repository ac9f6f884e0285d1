using GradientService.Contracts.Wire;

namespace GradientService.Web.Live;

/// <summary>
/// When the run page asks the Api for a fresh diagnosis (<c>GET /api/runs/{id}</c> recomputes it per request): when the
/// first step arrives, when an episode opens, grows or closes, or when the run's status changes, and at most once per
/// <see cref="Interval"/> while it trains, so a run that changes at every step costs one request every two seconds.
/// </summary>
public sealed class DiagnosisRefresh(TimeProvider clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private DateTimeOffset _askedAt = clock.GetUtcNow();
    private long _episodes;
    private RunStatus _status;

    /// <summary>Whether the diagnosis shown (<paramref name="shown"/>) is behind what <paramref name="data"/> holds and the interval has passed.</summary>
    public bool Due(RunData data, RunDiagnosis? shown)
    {
        var behind = (shown is null && data.LastStep > 0) || data.Episodes.Version != _episodes || data.Status != _status;
        return behind && clock.GetUtcNow() - _askedAt >= Interval;
    }

    /// <summary>Records that a diagnosis covering <paramref name="data"/> as it is now was asked for.</summary>
    public void Asked(RunData data)
    {
        _askedAt = clock.GetUtcNow();
        _episodes = data.Episodes.Version;
        _status = data.Status;
    }
}
