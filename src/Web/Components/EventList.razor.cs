using GradientService.Core.Contracts;
using GradientService.Web.Live;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Components;

/// <summary>The run's events with a kind filter; a click on a step selects it in the charts.</summary>
public partial class EventList
{
    [Parameter, EditorRequired]
    public required RunData Data { get; set; }

    [Parameter]
    public EventCallback<int> JumpTo { get; set; }

    private string Kind { get; set; } = "";

    private List<RunEventMessage> Shown => [.. Data.Events.Where(e => Kind.Length == 0 || e.Kind == Kind)];
}
