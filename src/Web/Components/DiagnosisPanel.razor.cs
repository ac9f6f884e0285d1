using GradientService.Contracts.Wire;
using GradientService.Web.Services;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Components;

/// <summary>
/// The top of a run's page: what is wrong with its gradients (verdict, findings with their numbers and causes), the
/// measured beside the predicted per-layer factor, and the ranked remedies, each with a "try it" button that starts the
/// linked run and opens the comparison of parent and child.
/// </summary>
public partial class DiagnosisPanel
{
    private string? _trying;
    private string? _problem;
    private object? _rendered;

    [Inject]
    public required ApiClient Api { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Parameter, EditorRequired]
    public required RunDetail Detail { get; set; }

    /// <summary>What the panel shows; the run page re-renders on every tick, the panel only when this changed.</summary>
    private (RunDetail, string?, string?) Shown => (Detail, _trying, _problem);

    protected override bool ShouldRender() => !Equals(_rendered, Shown);

    protected override void OnAfterRender(bool firstRender) => _rendered = Shown;

    private async Task TryAsync(RemedySuggestion remedy)
    {
        _trying = remedy.Id;
        _problem = null;
        var parent = Detail.Summary.Id;
        var outcome = await Api.TryRemedyAsync(parent, remedy.Id);
        _trying = null;
        if (outcome.Created is { } child)
        {
            Navigation.NavigateTo(CompareLink(parent, child.Id));
            return;
        }
        _problem = outcome.Problem?.Summary ?? "The remedy could not be started.";
    }

    /// <summary>The compare page on a parent and its try-it child.</summary>
    public static string CompareLink(Guid parent, Guid child) => $"compare?ids={parent},{child}";
}
