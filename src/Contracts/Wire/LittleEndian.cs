using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace GradientService.Contracts.Wire;

/// <summary>
/// Arrays of numbers as the bytes of MessagePack bin fields (<see cref="PackedWire"/>): little-endian int32 or IEEE 754
/// float64, back to back. A copy of the memory on little-endian hosts (the server, the browser's WebAssembly), so a
/// reader allocates one array per field, not one object per number.
/// </summary>
public static class LittleEndian
{
    public static byte[] Bytes(ReadOnlySpan<int> values)
    {
        var bytes = MemoryMarshal.AsBytes(values).ToArray();
        if (!BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, int>(bytes), MemoryMarshal.Cast<byte, int>(bytes.AsSpan()));
        return bytes;
    }

    public static byte[] Bytes(ReadOnlySpan<double> values)
    {
        var bytes = MemoryMarshal.AsBytes(values).ToArray();
        if (!BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, long>(bytes), MemoryMarshal.Cast<byte, long>(bytes.AsSpan()));
        return bytes;
    }

    public static int[] Ints(ReadOnlySpan<byte> bytes)
    {
        var values = MemoryMarshal.Cast<byte, int>(bytes[..(bytes.Length / sizeof(int) * sizeof(int))]).ToArray();
        if (!BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(values, values);
        return values;
    }

    public static double[] Doubles(ReadOnlySpan<byte> bytes)
    {
        var values = MemoryMarshal.Cast<byte, double>(bytes[..(bytes.Length / sizeof(double) * sizeof(double))]).ToArray();
        if (!BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<double, long>(values), MemoryMarshal.Cast<double, long>(values.AsSpan()));
        return values;
    }
}
