using System.Buffers.Binary;

namespace GradientService.Core.Data;

/// <summary>
/// The 10,000 shipped digits (Mnist/LICENSE.md), read once per process from the assembly's gzip-compressed IDX
/// resources (LeCun's format: big-endian magic 0x803 / 0x801, then the dimensions, then one byte per pixel or label).
/// </summary>
internal static class MnistArchive
{
    public const int Side = 28, Pixels = Side * Side, Classes = 10;

    private static readonly Lazy<(byte[] Images, byte[] Labels)> Contents = new(Load);

    /// <summary>[10,000 · 784] grey levels 0…255, row-major 28×28 per image.</summary>
    public static byte[] Images => Contents.Value.Images;

    /// <summary>[10,000] digits 0…9.</summary>
    public static byte[] Labels => Contents.Value.Labels;

    public static int Count => Labels.Length;

    private static (byte[], byte[]) Load()
    {
        var images = ReadIdx("mnist-images-idx3-ubyte.gz", 0x803, out var imageDims);
        var labels = ReadIdx("mnist-labels-idx1-ubyte.gz", 0x801, out var labelDims);
        if (imageDims is not [var n, Side, Side] || labelDims is not [var m] || n != m)
            throw new InvalidDataException($"MNIST resources disagree: images [{string.Join(", ", imageDims)}], labels [{string.Join(", ", labelDims)}].");
        return (images, labels);
    }

    private static byte[] ReadIdx(string name, int magic, out int[] dims)
    {
        var bytes = GzipResource.Read($"Mnist.{name}").AsSpan();
        if (BinaryPrimitives.ReadInt32BigEndian(bytes) != magic)
            throw new InvalidDataException($"{name}: not an IDX file with magic 0x{magic:x}.");
        dims = new int[magic & 0xff];
        var size = 1L;
        for (var i = 0; i < dims.Length; i++) size *= dims[i] = BinaryPrimitives.ReadInt32BigEndian(bytes[(4 + 4 * i)..]);
        var header = 4 + 4 * dims.Length;
        if (bytes.Length != header + size) throw new InvalidDataException($"{name}: {bytes.Length} bytes, expected {header + size}.");
        return bytes[header..].ToArray();
    }
}
