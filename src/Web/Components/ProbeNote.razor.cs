using GradientService.Contracts.Spec;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Components;

/// <summary>The caption beside a gradient-free run's gradient charts: those values are probes, not training gradients.</summary>
public partial class ProbeNote
{
    [Parameter, EditorRequired]
    public required TrainingMethod Method { get; set; }

    [Parameter, EditorRequired]
    public required int ProbeEvery { get; set; }
}
