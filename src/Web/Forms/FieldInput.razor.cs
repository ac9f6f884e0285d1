using GradientService.Contracts.Schema;
using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Forms;

/// <summary>One spec field: its input, allowed values or range, what it does to the gradients, and the Api's messages for it.</summary>
public partial class FieldInput
{
    [Parameter, EditorRequired]
    public required SpecField Field { get; set; }

    [Parameter, EditorRequired]
    public required SpecDocument Document { get; set; }

    [Parameter]
    public IReadOnlyList<string> Messages { get; set; } = [];

    [Parameter]
    public EventCallback Changed { get; set; }

    private string Id => "f-" + Field.Path.Replace('.', '-');

    private string Allowed => Field.Kind switch
    {
        FieldKind.Choice => "one of: " + string.Join(", ", Field.Choices),
        FieldKind.Flag => "on or off",
        FieldKind.IntegerList => "whole numbers, comma-separated",
        FieldKind.Json => "a JSON list",
        _ when Field.Min is not null || Field.Max is not null =>
            $"{(Field.Kind == FieldKind.Integer ? "whole number" : "number")} {Bound(Field.Min)} … {Bound(Field.Max)}",
        FieldKind.Integer => "whole number",
        FieldKind.Number => "number",
        _ => Field.Optional ? "text (optional)" : "text",
    } + (Field.Optional && Field.Kind != FieldKind.Text ? " · empty = default" : "");

    private static string Bound(double? value) => value?.ToString("G", CultureInfo.InvariantCulture) ?? "";

    private Task OnChange(ChangeEventArgs e)
    {
        Document.Set(Field, e.Value?.ToString());
        return Changed.InvokeAsync();
    }

    private Task OnFlag(ChangeEventArgs e)
    {
        Document.Set(Field, e.Value is true ? "true" : "false");
        return Changed.InvokeAsync();
    }
}
