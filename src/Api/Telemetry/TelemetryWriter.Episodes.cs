using GradientService.Core.Detection;

namespace GradientService.Api.Telemetry;

// Episodes: the newest state of each episode a batch touched, upserted once per batch (an open episode changes every step).
public abstract partial class TelemetryWriter
{
    private readonly Dictionary<(RunTap Run, string Kind, int Track, int FirstStep), EpisodeState> _episodes = [];

    private void GatherEpisodes(RunTap run, IReadOnlyList<EpisodeState> episodes)
    {
        foreach (var e in episodes) _episodes[(run, e.Kind, e.Track, e.FirstStep)] = e;
    }

    private void WriteEpisodes()
    {
        foreach (var ((run, _, _, _), e) in _episodes) WriteEpisode(run.RunKey, e);
        _episodes.Clear();
    }
}
