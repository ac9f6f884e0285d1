using System.Text.Json;
using GradientService.Contracts.Wire;
using GradientService.Contracts.Schema;
using GradientService.Contracts.Spec;
using GradientService.Web.Forms;
using GradientService.Web.Services;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Pages;

/// <summary>The spec form generated from the spec records, presets to start from, and the Api's validation shown by field.</summary>
public partial class NewRun
{
    private static readonly JsonSerializerOptions Pretty = new(WireJson.Options) { WriteIndented = true };

    private IReadOnlyList<PresetInfo>? _presets;
    private SpecDocument _document = new(new RunSpec());
    private string? _preset;
    private ApiProblem? _problem;
    private bool _submitting;

    [Inject]
    public required ApiClient Api { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>Preset to start from, e.g. /runs/new?preset=deep-sigmoid.</summary>
    [SupplyParameterFromQuery(Name = "preset")]
    public string? PresetQuery { get; set; }

    private string RequestPath => _preset is null ? "/api/runs" : $"/api/runs/from-preset/{_preset}";

    private string SwaggerLink => _preset is null ? "swagger/index.html#/Runs/SubmitRun" : "swagger/index.html#/Runs/SubmitPreset";

    private string RequestBody => _document.Root.ToJsonString(Pretty);

    private string Curl => $"curl -X POST {Navigation.BaseUri.TrimEnd('/')}{RequestPath} -H 'Content-Type: application/json' -d '{_document.Root.ToJsonString(WireJson.Options).Replace("'", "'\\''", StringComparison.Ordinal)}'";

    /// <summary>Problems whose field has no input on the form (the whole body, an array element …), listed at the top.</summary>
    private List<KeyValuePair<string, string[]>> Unplaced =>
        _problem is null ? [] : [.. _problem.Errors.Where(e => e.Key != "name" && SpecSchema.Find(FieldOf(e.Key)) is null)];

    protected override async Task OnInitializedAsync()
    {
        try
        {
            _presets = await Api.PresetsAsync();
        }
        catch (ApiException e)
        {
            _problem = e.Problem;
            _presets = [];
        }
        if (PresetQuery is not null && _presets.FirstOrDefault(p => p.Name == PresetQuery) is { } preset) UsePreset(preset);
    }

    private void UsePreset(PresetInfo preset)
    {
        _document = new SpecDocument(preset.Spec);
        _preset = preset.Name;
        _problem = null;
    }

    private void UseDefaults()
    {
        _document = new SpecDocument(new RunSpec());
        _preset = null;
        _problem = null;
    }

    private void OnNameChanged(ChangeEventArgs e) =>
        _document.Set(new SpecField("name", "name", FieldKind.Text, [], null, null, Optional: true, "", null, []), e.Value?.ToString());

    /// <summary>The field belongs to the chosen architecture (model fields) and its condition holds, or the Api named it.</summary>
    private bool Applies(SpecField field) =>
        MessagesFor(field.Path).Count > 0
        || ((field.Architectures.Count == 0 || field.Architectures.Contains(_document.Architecture))
            && (field.ShownWhen is not { } when || when.Values.Contains(_document.Text(when.Path))));

    internal IReadOnlyList<string> MessagesFor(string path) =>
        _problem is null ? [] : [.. _problem.Errors.Where(e => FieldOf(e.Key).Equals(path, StringComparison.OrdinalIgnoreCase)).SelectMany(e => e.Value)];

    // "model.widths[2]" belongs to the field "model.widths".
    private static string FieldOf(string key) => key.IndexOf('[', StringComparison.Ordinal) is var i and > 0 ? key[..i] : key;

    private async Task SubmitAsync()
    {
        _submitting = true;
        try
        {
            var outcome = await Api.SubmitAsync(_document.Root, _preset);
            if (outcome.Created is { } created)
            {
                Navigation.NavigateTo($"runs/{created.Id}");
                return;
            }
            _problem = outcome.Problem;
        }
        finally
        {
            _submitting = false;
        }
    }
}
