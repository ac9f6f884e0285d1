using GradientService.Contracts.Wire;

namespace GradientService.Api.Telemetry;

/// <summary>
/// One run's steps, layer, recurrent and output-depth frames and events, gathered in step order for <see cref="StepBatch"/>es, and the
/// newest state of each episode that changed (one per episode: a newer state replaces the older in place).
/// </summary>
public sealed class PendingSteps(Guid runId)
{
    public Guid RunId { get; } = runId;
    public List<StepPoint> Steps { get; } = [];
    public List<LayerFrame> Layers { get; } = [];
    public List<RecurrentFrame> Recurrent { get; } = [];
    public List<OutputDepthFrame> OutputDepths { get; } = [];
    public List<RunEventMessage> Events { get; } = [];
    private readonly List<RunEpisode> _episodes = [];

    public IReadOnlyList<RunEpisode> Episodes => _episodes;

    /// <summary>Where each gathered episode (kind, track, first step) is in <see cref="Episodes"/>.</summary>
    private readonly Dictionary<(string, int, int), int> _episodeAt = [];

    public bool IsEmpty => Steps.Count == 0 && Events.Count == 0 && Episodes.Count == 0;

    public void Add(StepFrame frame)
    {
        Steps.Add(WireFrames.Step(frame));
        Layers.Add(WireFrames.Layers(frame));
        for (var r = 0; r < frame.Recurrent.Length; r++) Recurrent.Add(WireFrames.Recurrent(frame, r));
        if (frame.OutputDepthGradNorms.Length > 0) OutputDepths.Add(WireFrames.OutputDepths(frame));
        if (frame.Events.Count > 0) Events.AddRange(frame.Events);
        foreach (var e in frame.Episodes) Add(WireFrames.Episode(e));
    }

    public void Add(StepBatch batch)
    {
        Steps.AddRange(batch.Steps);
        Layers.AddRange(batch.Layers);
        Recurrent.AddRange(batch.Recurrent);
        if (batch.OutputDepths is { } depths) OutputDepths.AddRange(depths);
        Events.AddRange(batch.Events);
        foreach (var e in batch.Episodes) Add(e);
    }

    /// <summary>Keeps <paramref name="episode"/> as the newest state of its episode (kind, track, first step).</summary>
    public void Add(RunEpisode episode)
    {
        var key = (episode.Kind, episode.Track, episode.FirstStep);
        if (_episodeAt.TryGetValue(key, out var at))
        {
            _episodes[at] = episode;
            return;
        }
        _episodeAt[key] = _episodes.Count;
        _episodes.Add(episode);
    }

    /// <summary>Hands over the gathered episodes and starts a new list.</summary>
    public List<RunEpisode> TakeEpisodes()
    {
        var taken = _episodes.ToList();
        _episodes.Clear();
        _episodeAt.Clear();
        return taken;
    }

    /// <summary>Everything gathered as one unthinned batch (not empty).</summary>
    public StepBatch ToBatch()
    {
        var (first, last) = (int.MaxValue, int.MinValue);
        void Widen(int step) => (first, last) = (Math.Min(first, step), Math.Max(last, step));
        foreach (var s in Steps) Widen(s.Step);
        foreach (var e in Events) Widen(e.Step);
        foreach (var e in _episodes) Widen(e.LastStep);
        return new StepBatch(RunId, first, last, Steps, Layers, false, Recurrent, Events, Episodes, OutputDepths);
    }
}
