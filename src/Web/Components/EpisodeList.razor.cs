using GradientService.Contracts.Wire;
using GradientService.Web.Charts;
using GradientService.Web.Live;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Components;

/// <summary>
/// The run's episodes (<see cref="EpisodeStore"/>): loaded with the run's history, then updated from the hub's batches.
/// The run page re-renders on every tick; the list only when an episode changed.
/// </summary>
public partial class EpisodeList
{
    private long _rendered = -1;

    [Parameter, EditorRequired]
    public required RunData Data { get; set; }

    [Parameter]
    public EventCallback<int> JumpTo { get; set; }

    protected override bool ShouldRender() => _rendered != Data.Episodes.Version;

    protected override void OnAfterRender(bool firstRender) => _rendered = Data.Episodes.Version;

    /// <summary>A vanishing episode's layer is the depth from which learning stopped: layers 1 … k.</summary>
    private static string Layers(RunEpisode e) => e.Layer switch
    {
        null => "all",
        1 when e.Kind == EpisodeKinds.Vanishing => "1",
        { } k when e.Kind == EpisodeKinds.Vanishing => $"1–{k}",
        { } k => Figure.Of(k),
    };
}
