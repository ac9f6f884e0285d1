using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;

namespace GradientService.Core.Export;

/// <summary>
/// Writes tensors in the safetensors format, streaming each tensor's bytes straight to the destination (only the
/// header is buffered). Tensors are laid out in the order given; the header is padded with spaces to a multiple of
/// <see cref="HeaderAlignment"/> bytes, as the reference writer does, so the data section starts aligned.
/// </summary>
public static class SafeTensorsWriter
{
    /// <summary>Header padding unit in bytes (safetensors' serialize pads the header to 8 bytes).</summary>
    public const int HeaderAlignment = 8;

    /// <summary>Writes <paramref name="tensors"/> (unique names) and an optional string-to-string <paramref name="metadata"/> map.</summary>
    public static void Write(Stream destination, IReadOnlyList<SafeTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors data is little-endian; this host is not.");
        var header = Header(tensors, metadata);
        Span<byte> length = stackalloc byte[SafeTensorsFile.LengthPrefixBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.WrittenCount);
        destination.Write(length);
        destination.Write(header.WrittenSpan);
        foreach (var tensor in tensors) destination.Write(tensor.Bytes);
    }

    private static ArrayBufferWriter<byte> Header(IReadOnlyList<SafeTensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(SafeTensorsHeader.MetadataKey);
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            var offset = 0L;
            foreach (var tensor in tensors)
            {
                if (tensor.Name == SafeTensorsHeader.MetadataKey)
                    throw new ArgumentException($"'{SafeTensorsHeader.MetadataKey}' is reserved for the metadata map.", nameof(tensors));
                if (!names.Add(tensor.Name)) throw new ArgumentException($"Tensor name '{tensor.Name}' appears twice.", nameof(tensors));
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", SafeTensorsDtypes.WireName(tensor.Dtype));
                json.WriteStartArray("shape");
                foreach (var d in tensor.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset += tensor.ByteCount);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        var padding = (HeaderAlignment - buffer.WrittenCount % HeaderAlignment) % HeaderAlignment;
        buffer.GetSpan(padding)[..padding].Fill((byte)' ');
        buffer.Advance(padding);
        return buffer;
    }
}
