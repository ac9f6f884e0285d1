using System.Text;
using System.Text.Json;

namespace GradientService.Core.Export;

/// <summary>
/// Parses and checks a safetensors header as strictly as the reference implementation (huggingface/safetensors,
/// safetensors/src/tensor.rs): a JSON object whose keys are unique; each tensor {dtype, shape, data_offsets} with
/// no other field, byte count = dtype size × Π shape; an optional "__metadata__" string-to-string map; and the
/// tensors tiling the data section exactly (no gap, no overlap, no trailing bytes).
/// </summary>
internal static class SafeTensorsHeader
{
    /// <summary>The key reserved for the metadata map.</summary>
    public const string MetadataKey = "__metadata__";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static (List<SafeTensorEntry> Entries, Dictionary<string, string> Metadata) Parse(ReadOnlySpan<byte> header, long dataLength)
    {
        string text;
        try { text = StrictUtf8.GetString(header); }
        catch (DecoderFallbackException) { throw new SafeTensorsFormatException("header is not valid UTF-8"); }
        // Also guarantees that valid JSON here is an object.
        if (!text.StartsWith('{')) throw new SafeTensorsFormatException("header does not start with '{'");

        JsonDocument document;
        try { document = JsonDocument.Parse(text); }
        catch (JsonException e) { throw new SafeTensorsFormatException($"header is not valid JSON: {e.Message}"); }

        var entries = new List<SafeTensorEntry>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        using (document)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name)) throw new SafeTensorsFormatException($"duplicate key '{property.Name}' in header");
                if (property.Name == MetadataKey) ReadMetadata(property.Value, metadata);
                else entries.Add(ReadEntry(property.Name, property.Value, dataLength));
            }
        }
        CheckTiling(entries, dataLength);
        return (entries, metadata);
    }

    private static void ReadMetadata(JsonElement element, Dictionary<string, string> metadata)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new SafeTensorsFormatException($"{MetadataKey} is not an object");
        foreach (var item in element.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String) throw new SafeTensorsFormatException($"{MetadataKey}.{item.Name} is not a string");
            if (!metadata.TryAdd(item.Name, item.Value.GetString() ?? "")) throw new SafeTensorsFormatException($"duplicate key '{item.Name}' in {MetadataKey}");
        }
    }

    private static SafeTensorEntry ReadEntry(string name, JsonElement element, long dataLength)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new SafeTensorsFormatException($"'{name}': entry is not an object");
        foreach (var field in element.EnumerateObject())
            if (field.Name is not ("dtype" or "shape" or "data_offsets"))
                throw new SafeTensorsFormatException($"'{name}': unexpected field '{field.Name}'");

        if (!element.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw new SafeTensorsFormatException($"'{name}': missing string field 'dtype'");
        var dtypeName = dtypeElement.GetString() ?? "";
        if (!SafeTensorsDtypes.TryParse(dtypeName, out var dtype))
            throw new SafeTensorsFormatException(
                $"'{name}': unsupported dtype '{dtypeName}' (supported: {string.Join(", ", Enum.GetValues<SafeTensorsDtype>().Select(SafeTensorsDtypes.WireName))})");

        if (!element.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
            throw new SafeTensorsFormatException($"'{name}': missing array field 'shape'");
        var shape = new long[shapeElement.GetArrayLength()];
        var elements = 1L;
        for (var i = 0; i < shape.Length; i++)
        {
            if (shapeElement[i].ValueKind != JsonValueKind.Number || !shapeElement[i].TryGetInt64(out shape[i]) || shape[i] < 0)
                throw new SafeTensorsFormatException($"'{name}': shape entries must be non-negative integers; got {shapeElement[i].GetRawText()}");
            elements = shape[i] == 0 || elements <= long.MaxValue / shape[i] ? elements * shape[i]
                : throw new SafeTensorsFormatException($"'{name}': shape [{string.Join(", ", shape.Take(i + 1))}…] overflows a 64-bit element count");
        }

        if (!element.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2
            || !offsets[0].TryGetInt64(out var begin) || !offsets[1].TryGetInt64(out var end))
            throw new SafeTensorsFormatException($"'{name}': 'data_offsets' must be [begin, end] as two integers");
        if (begin < 0 || end < begin || end > dataLength)
            throw new SafeTensorsFormatException($"'{name}': data_offsets [{begin}, {end}] are outside the {dataLength}-byte data section");
        var size = SafeTensorsDtypes.SizeOf(dtype);
        if (elements > long.MaxValue / size || end - begin != elements * size)
            throw new SafeTensorsFormatException(
                $"'{name}': {dtypeName} [{string.Join(", ", shape)}] needs {(decimal)elements * size} bytes but data_offsets span {end - begin}");
        return new SafeTensorEntry(name, dtype, shape, begin, end);
    }

    private static void CheckTiling(List<SafeTensorEntry> entries, long dataLength)
    {
        var ordered = entries.OrderBy(e => e.Begin).ThenBy(e => e.End);
        var cursor = 0L;
        foreach (var e in ordered)
        {
            if (e.Begin > cursor)
                throw new SafeTensorsFormatException($"gap in the data section before '{e.Name}' (bytes {cursor}..{e.Begin} belong to no tensor)");
            if (e.Begin < cursor)
                throw new SafeTensorsFormatException($"tensor '{e.Name}' overlaps the tensor before it (begins at {e.Begin}, previous ends at {cursor})");
            cursor = e.End;
        }
        if (cursor != dataLength)
            throw new SafeTensorsFormatException($"data section is {dataLength} bytes but the tensors cover {cursor} (trailing bytes)");
    }
}
