using GradientService.Web.Live;

namespace GradientService.Web.Charts;

/// <summary>Episodes as shaded step ranges on the step charts (training curves, heatmap), the newest few only to stay cheap.</summary>
public static class EpisodeMarks
{
    /// <summary>Bands drawn at most: enough for any readable chart, few enough that a redraw costs nothing.</summary>
    public const int Max = 200;

    public static void AddTo(List<ChartMark> marks, EpisodeStore episodes)
    {
        var all = episodes.All;
        for (var i = Math.Max(0, all.Count - Max); i < all.Count; i++)
        {
            var e = all[i];
            marks.Add(new ChartMark(e.FirstStep - 0.5, e.Kind, null, e.LastStep + 0.5));
        }
    }
}
