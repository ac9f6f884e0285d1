using System.Buffers.Binary;

namespace GradientService.Api.Storage;

/// <summary>Packs a vector of doubles into a BLOB (little-endian IEEE 754) and back; NaN and ±∞ survive, unlike REAL columns.</summary>
public static class DoubleBlob
{
    public static byte[] Pack(ReadOnlySpan<double> values)
    {
        var bytes = new byte[values.Length * sizeof(double)];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        return bytes;
    }

    public static double[] Unpack(ReadOnlySpan<byte> bytes)
    {
        var values = new double[bytes.Length / sizeof(double)];
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * sizeof(double))..]);
        return values;
    }
}
