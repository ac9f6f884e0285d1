using System.Runtime.InteropServices;

namespace GradientService.Core.Export;

/// <summary>A named tensor to write: its dtype follows the element type, its data is referenced (not copied) until written.</summary>
public abstract class SafeTensor
{
    private SafeTensor(string name, SafeTensorsDtype dtype, long[] shape)
    {
        Name = name;
        Dtype = dtype;
        Shape = shape;
    }

    /// <summary>The header key (e.g. "layers.0.weight").</summary>
    public string Name { get; }

    /// <summary>F64 for double, F32 for float, I64 for long, I32 for int (F16, I16, I8, U8, BOOL for Half, short, sbyte, byte, bool).</summary>
    public SafeTensorsDtype Dtype { get; }

    /// <summary>Dimensions, row-major; empty for a scalar.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>Size of the data in bytes.</summary>
    public long ByteCount => Bytes.Length;

    /// <summary>The elements as little-endian bytes (this host is little-endian).</summary>
    public abstract ReadOnlySpan<byte> Bytes { get; }

    /// <summary>A tensor over <paramref name="data"/> (Π shape elements) with the given shape.</summary>
    public static SafeTensor Of<T>(string name, ReadOnlyMemory<T> data, params long[] shape) where T : unmanaged =>
        new Typed<T>(name, data, shape);

    /// <summary>As <see cref="Of{T}(string, ReadOnlyMemory{T}, long[])"/>, for an int shape such as a parameter's.</summary>
    public static SafeTensor Of<T>(string name, ReadOnlyMemory<T> data, int[] shape) where T : unmanaged =>
        new Typed<T>(name, data, Array.ConvertAll(shape, d => (long)d));

    private static SafeTensorsDtype DtypeOf<T>() => default(T) switch
    {
        double => SafeTensorsDtype.F64,
        float => SafeTensorsDtype.F32,
        Half => SafeTensorsDtype.F16,
        long => SafeTensorsDtype.I64,
        int => SafeTensorsDtype.I32,
        short => SafeTensorsDtype.I16,
        sbyte => SafeTensorsDtype.I8,
        byte => SafeTensorsDtype.U8,
        bool => SafeTensorsDtype.Bool,
        _ => throw new ArgumentException($"{typeof(T).Name} has no safetensors dtype."),
    };

    private sealed class Typed<T> : SafeTensor where T : unmanaged
    {
        private readonly ReadOnlyMemory<T> _data;

        public Typed(string name, ReadOnlyMemory<T> data, long[] shape) : base(name, DtypeOf<T>(), shape)
        {
            var elements = 1L;
            foreach (var d in shape)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(shape));
                elements *= d;
            }
            if (elements != data.Length)
                throw new ArgumentException($"'{name}': shape [{string.Join(", ", shape)}] holds {elements} elements but the data has {data.Length}.", nameof(data));
            _data = data;
        }

        public override ReadOnlySpan<byte> Bytes => MemoryMarshal.AsBytes(_data.Span);
    }
}
