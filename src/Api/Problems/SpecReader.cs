using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Contracts.Schema;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Api.Problems;

/// <summary>
/// Reads a spec from a request body and reports every problem at once, by field: malformed JSON, unknown fields, wrong
/// types, unknown enum values (all found by walking the document against the spec's types, since the serializer stops
/// at the first), then the validator's range and limit checks.
/// </summary>
public static class SpecReader
{
    /// <summary>Parsing rules matching <see cref="SpecJson.Options"/>: comments and trailing commas allowed, duplicate members rejected.</summary>
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = 32,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        AllowDuplicateProperties = false,
    };

    /// <summary>The spec, or the problems keyed by camelCase JSON path ("model.depth"); null errors when the body was too large.</summary>
    public sealed record Outcome(RunSpec? Spec, Dictionary<string, string[]> Errors, bool TooLarge);

    public static async Task<Outcome> ReadAsync(HttpRequest request, long maxBytes, JsonObject? basis, CancellationToken cancel)
    {
        if (request.ContentLength > maxBytes) return new Outcome(null, [], true);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancel)) > 0)
        {
            if (buffer.Length + read > maxBytes) return new Outcome(null, [], true);
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0 && basis is null) return Fail("$", "The request body is empty; send a run spec as JSON.");
        JsonNode? body;
        try
        {
            body = buffer.Length == 0 ? new JsonObject() : JsonNode.Parse(buffer.ToArray(), documentOptions: DocumentOptions);
        }
        catch (JsonException e)
        {
            return Fail("$", $"Malformed JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}");
        }
        if (body is not JsonObject root) return Fail("$", "The body must be a JSON object (a run spec).");
        if (basis is not null) root = JsonMerge.Apply(basis, root);
        return Check(root);
    }

    /// <summary>Checks a spec document already in memory.</summary>
    public static Outcome Check(JsonObject root)
    {
        var errors = new Dictionary<string, List<string>>();
        SpecShape.Walk(root, typeof(RunSpec), "", errors);
        RunSpec? spec = null;
        if (errors.Count == 0)
        {
            try
            {
                spec = root.Deserialize<RunSpec>(SpecJson.Options);
                if (spec is null) Add(errors, "$", "The body must be a JSON object (a run spec).");
            }
            catch (JsonException e)
            {
                Add(errors, Path(e.Path), FirstSentence(e.Message));
            }
        }
        if (spec is not null)
            foreach (var error in SpecValidator.Validate(spec)) Add(errors, error.Field, error.Message);
        return new Outcome(errors.Count == 0 ? spec : null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), false);
    }

    internal static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
    }

    internal static string Path(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "$" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    internal static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }

    private static Outcome Fail(string field, string message) => new(null, new() { [field] = [message] }, false);
}
