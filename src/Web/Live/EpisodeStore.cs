using GradientService.Contracts.Wire;

namespace GradientService.Web.Live;

/// <summary>
/// A run's episodes as the browser knows them: loaded from <c>/api/runs/{id}/episodes</c>, then kept current from each
/// batch's <see cref="StepBatch.Episodes"/>. An episode is keyed by kind, first step and layer; of two states of one
/// episode the newer wins (the larger last step; on a tie the one that arrived last, so an episode closing at the step it
/// was last seen replaces its open state). Kept in first-step order, as the Api lists them.
/// </summary>
public sealed class EpisodeStore
{
    private readonly List<RunEpisode> _episodes = [];
    private readonly Dictionary<(string Kind, int FirstStep, int? Layer), int> _index = [];

    public IReadOnlyList<RunEpisode> All => _episodes;

    /// <summary>Bumped whenever an episode opens, grows or closes.</summary>
    public long Version { get; private set; }

    public void Merge(IReadOnlyList<RunEpisode> episodes)
    {
        foreach (var e in episodes) Merge(e);
    }

    public void Merge(RunEpisode episode)
    {
        if (_index.TryGetValue(Key(episode), out var at))
        {
            var held = _episodes[at];
            if (episode.LastStep < held.LastStep || episode == held) return;
            _episodes[at] = episode;
        }
        else
        {
            var place = _episodes.Count;
            while (place > 0 && _episodes[place - 1].FirstStep > episode.FirstStep) place--;
            _episodes.Insert(place, episode);
            if (place == _episodes.Count - 1) _index[Key(episode)] = place;
            else Reindex();
        }
        Version++;
    }

    private void Reindex()
    {
        _index.Clear();
        for (var i = 0; i < _episodes.Count; i++) _index[Key(_episodes[i])] = i;
    }

    private static (string, int, int?) Key(RunEpisode e) => (e.Kind, e.FirstStep, e.Layer);
}
