using System.Text.Json;

namespace GradientService.Web.Services;

/// <summary>
/// An RFC 9457 problem document from the Api. <see cref="Errors"/> maps a field's JSON path ("model.depth", "$" for the
/// whole body) to its messages, as the Api's validation reports them.
/// </summary>
public sealed record ApiProblem(int Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>Reads a problem document; a body that is not one still yields the status and the reason phrase.</summary>
    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancel)
    {
        var status = (int)response.StatusCode;
        if (status is 401 or 403) return KeyRefused(status);
        var fallback = response.ReasonPhrase ?? $"HTTP {status}";
        string text = await response.Content.ReadAsStringAsync(cancel);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new ApiProblem(status, fallback, null, Empty);
            var title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() ?? fallback : fallback;
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                foreach (var field in e.EnumerateObject())
                    errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                        ? [.. field.Value.EnumerateArray().Select(m => m.ToString())]
                        : [field.Value.ToString()];
            return new ApiProblem(status, title, detail, errors);
        }
        catch (JsonException)
        {
            return new ApiProblem(status, fallback, string.IsNullOrWhiteSpace(text) ? null : text, Empty);
        }
    }

    /// <summary>Title and detail on one line, as a page shows a problem that belongs to no field.</summary>
    public string Summary => Detail is null ? Title : $"{Title}: {Detail}";

    /// <summary>The Api refused the call for want of the right API key: say where the dashboard takes it.</summary>
    private static ApiProblem KeyRefused(int status) => new(status,
        status == 401 ? "API key required" : "API key not allowed",
        "This server needs its API key for this action. Enter it in the API key field at the top of the page (it is kept in this browser) and try again.",
        Empty);

    private static readonly IReadOnlyDictionary<string, string[]> Empty = new Dictionary<string, string[]>();
}
