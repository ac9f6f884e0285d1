using GradientService.Core.Detection;

namespace GradientService.Api.Telemetry;

// Episodes: the newest state of each episode a batch touched, upserted once per batch (an open episode changes every step).
public sealed partial class SqliteTelemetryWriter
{
    private readonly Dictionary<(RunTap Run, string Kind, int Track, int FirstStep), EpisodeState> _episodes = [];

    private void GatherEpisodes(RunTap run, IReadOnlyList<EpisodeState> episodes)
    {
        foreach (var e in episodes) _episodes[(run, e.Kind, e.Track, e.FirstStep)] = e;
    }

    private void WriteEpisodes()
    {
        foreach (var ((run, _, _, _), e) in _episodes)
        {
            _episode.Bind(1, run.RunKey);
            _episode.Bind(2, e.Kind);
            _episode.Bind(3, e.Track);
            _episode.Bind(4, e.FirstStep);
            _episode.Bind(5, e.LastStep);
            _episode.Bind(6, e.Steps);
            _episode.Bind(7, e.Layer > 0 ? e.Layer : null);
            _episode.Bind(8, e.Peak);
            _episode.Bind(9, double.IsNaN(e.Peak) ? null : e.PeakStep);
            _episode.Bind(10, e.Open ? 1 : 0);
            _episode.Bind(11, e.Message);
            _episode.Run();
        }
        _episodes.Clear();
    }
}
