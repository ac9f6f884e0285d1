using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace GradientService.Core.Export;

/// <summary>
/// A safetensors file (https://huggingface.co/docs/safetensors) read into memory and checked: an 8-byte little-endian
/// header length N, N bytes of UTF-8 JSON describing each tensor (and "__metadata__"), then the little-endian,
/// row-major data. Any breach of the format raises <see cref="SafeTensorsFormatException"/> naming the problem.
/// </summary>
public sealed class SafeTensorsFile
{
    /// <summary>Largest header accepted, in bytes: MAX_HEADER_SIZE of the reference implementation (safetensors/src/tensor.rs).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>Bytes of the little-endian u64 header length that opens the file.</summary>
    public const int LengthPrefixBytes = sizeof(ulong);

    private readonly ReadOnlyMemory<byte> _data;
    private readonly Dictionary<string, SafeTensorEntry> _byName;

    private SafeTensorsFile(ReadOnlyMemory<byte> data, List<SafeTensorEntry> entries, Dictionary<string, string> metadata)
    {
        _data = data;
        Entries = entries;
        Metadata = metadata;
        _byName = entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
    }

    /// <summary>The tensors in header order.</summary>
    public IReadOnlyList<SafeTensorEntry> Entries { get; }

    /// <summary>The "__metadata__" map (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Reads the rest of <paramref name="source"/> and parses it.</summary>
    public static SafeTensorsFile Read(Stream source)
    {
        if (source.CanSeek)
        {
            var remaining = source.Length - source.Position;
            if (remaining > Array.MaxLength) throw new SafeTensorsFormatException($"file is {remaining} bytes; at most {Array.MaxLength} can be read");
            var bytes = new byte[remaining];
            source.ReadExactly(bytes);
            return Parse(bytes);
        }
        using var copy = new MemoryStream();
        source.CopyTo(copy);
        return Parse(new ReadOnlyMemory<byte>(copy.GetBuffer(), 0, (int)copy.Length));
    }

    /// <summary>Parses a whole file held in memory; the tensors' bytes stay in <paramref name="bytes"/> (not copied).</summary>
    public static SafeTensorsFile Parse(ReadOnlyMemory<byte> bytes)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors data is little-endian; this host is not.");
        var span = bytes.Span;
        if (span.Length < LengthPrefixBytes)
            throw new SafeTensorsFormatException($"file is {span.Length} bytes; a safetensors file starts with an {LengthPrefixBytes}-byte header length");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(span);
        if (headerLength > MaxHeaderBytes)
            throw new SafeTensorsFormatException($"header length {headerLength} exceeds the format's limit of {MaxHeaderBytes} bytes");
        if (headerLength > (ulong)(span.Length - LengthPrefixBytes))
            throw new SafeTensorsFormatException($"header length {headerLength} runs past the end of the file ({span.Length} bytes)");
        var dataStart = LengthPrefixBytes + (int)headerLength;
        var data = bytes[dataStart..];
        var (entries, metadata) = SafeTensorsHeader.Parse(span[LengthPrefixBytes..dataStart], data.Length);
        return new SafeTensorsFile(data, entries, metadata);
    }

    /// <summary>True when the header has a tensor called <paramref name="name"/>.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The header entry of <paramref name="name"/>; a missing tensor is a <see cref="SafeTensorsFormatException"/>.</summary>
    public SafeTensorEntry Entry(string name) =>
        _byName.TryGetValue(name, out var entry) ? entry : throw new SafeTensorsFormatException($"tensor '{name}' is missing");

    /// <summary>The tensor's raw little-endian bytes.</summary>
    public ReadOnlySpan<byte> Bytes(string name)
    {
        var entry = Entry(name);
        return _data.Span[(int)entry.Begin..(int)entry.End];
    }

    /// <summary>A new array with the tensor's elements converted to T (see <see cref="ReadInto{T}"/>).</summary>
    public T[] ReadAs<T>(string name) where T : unmanaged, INumber<T>
    {
        var result = new T[Entry(name).ElementCount];
        ReadInto<T>(name, result);
        return result;
    }

    /// <summary>
    /// Copies the tensor into <paramref name="destination"/> (its length must equal the element count), converting
    /// to T: bitwise when the dtype is T's own; float ↔ float by IEEE rounding (F64 → float rounds to nearest);
    /// integers to any T; floats to an integer T only when every value is an integer in range.
    /// </summary>
    public void ReadInto<T>(string name, Span<T> destination) where T : unmanaged, INumber<T>
    {
        var entry = Entry(name);
        if (destination.Length != entry.ElementCount)
            throw new SafeTensorsFormatException($"'{name}' has {entry.ElementCount} elements ([{string.Join(", ", entry.Shape)}]); expected {destination.Length}");
        var bytes = Bytes(name);
        if (IsNative<T>(entry.Dtype))
        {
            bytes.CopyTo(MemoryMarshal.AsBytes(destination));
            return;
        }
        for (var i = 0; i < destination.Length; i++) destination[i] = Convert<T>(entry, bytes, i);
    }

    private static bool IsNative<T>(SafeTensorsDtype dtype) => dtype switch
    {
        SafeTensorsDtype.F64 => typeof(T) == typeof(double),
        SafeTensorsDtype.F32 => typeof(T) == typeof(float),
        SafeTensorsDtype.F16 => typeof(T) == typeof(Half),
        SafeTensorsDtype.I64 => typeof(T) == typeof(long),
        SafeTensorsDtype.I32 => typeof(T) == typeof(int),
        SafeTensorsDtype.I16 => typeof(T) == typeof(short),
        SafeTensorsDtype.I8 => typeof(T) == typeof(sbyte),
        SafeTensorsDtype.U8 => typeof(T) == typeof(byte),
        _ => false,
    };

    private static T Convert<T>(SafeTensorEntry entry, ReadOnlySpan<byte> bytes, int i) where T : unmanaged, INumber<T>
    {
        var size = SafeTensorsDtypes.SizeOf(entry.Dtype);
        var at = bytes.Slice(i * size, size);
        if (SafeTensorsDtypes.IsFloatingPoint(entry.Dtype))
        {
            var value = entry.Dtype switch
            {
                SafeTensorsDtype.F64 => BinaryPrimitives.ReadDoubleLittleEndian(at),
                SafeTensorsDtype.F32 => BinaryPrimitives.ReadSingleLittleEndian(at),
                SafeTensorsDtype.F16 => (double)BinaryPrimitives.ReadHalfLittleEndian(at),
                // bfloat16 is the upper half of a float32.
                _ => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(at) << 16),
            };
            if (IsFloatingType<T>()) return T.CreateTruncating(value);
            if (!double.IsInteger(value) || !TryCreate(value, out T converted))
                throw new SafeTensorsFormatException($"'{entry.Name}': element {i} ({value:R}) is not an integer that fits {typeof(T).Name}");
            return converted;
        }
        var integer = entry.Dtype switch
        {
            SafeTensorsDtype.I64 => BinaryPrimitives.ReadInt64LittleEndian(at),
            SafeTensorsDtype.I32 => BinaryPrimitives.ReadInt32LittleEndian(at),
            SafeTensorsDtype.I16 => BinaryPrimitives.ReadInt16LittleEndian(at),
            SafeTensorsDtype.I8 => (sbyte)at[0],
            _ => at[0],
        };
        if (IsFloatingType<T>()) return T.CreateTruncating(integer);
        if (!TryCreate(integer, out T result))
            throw new SafeTensorsFormatException($"'{entry.Name}': element {i} ({integer}) does not fit {typeof(T).Name}");
        return result;
    }

    private static bool IsFloatingType<T>() => typeof(T) == typeof(double) || typeof(T) == typeof(float) || typeof(T) == typeof(Half);

    private static bool TryCreate<TFrom, T>(TFrom value, out T result) where TFrom : INumberBase<TFrom> where T : INumber<T>
    {
        try
        {
            result = T.CreateChecked(value);
            return true;
        }
        catch (OverflowException)
        {
            result = T.Zero;
            return false;
        }
    }
}
