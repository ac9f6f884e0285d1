using GradientService.Contracts.Wire;

namespace GradientService.Web.Live;

/// <summary>
/// Time-lag profiles ‖∂L/∂h_t‖ (t = 1 … T) of a recurrent layer at recorded steps, in bounded memory: past
/// <c>capacity</c> profiles every second one is dropped and only every second new one is kept, so they stay evenly spread.
/// </summary>
public sealed class LagStore(int capacity = 256)
{
    private readonly List<TimeLagProfile> _profiles = [];
    private int _keepEvery = 1;
    private int _seen;

    public IReadOnlyList<TimeLagProfile> Profiles => _profiles;

    public TimeLagProfile? Latest { get; private set; }

    public void Add(TimeLagProfile profile)
    {
        if (_profiles.Count > 0 && profile.Step <= _profiles[^1].Step) return;
        Latest = profile;
        if (_seen++ % _keepEvery != 0) return;
        _profiles.Add(profile);
        if (_profiles.Count < capacity) return;
        for (var i = _profiles.Count - 1; i > 0; i -= 2) _profiles.RemoveAt(i - 1);
        _keepEvery *= 2;
    }

    /// <summary>The stored profile at or nearest before <paramref name="step"/>.</summary>
    public TimeLagProfile? At(int step)
    {
        TimeLagProfile? best = null;
        foreach (var p in _profiles)
        {
            if (p.Step > step) break;
            best = p;
        }
        return best ?? (_profiles.Count > 0 ? _profiles[0] : null);
    }
}
