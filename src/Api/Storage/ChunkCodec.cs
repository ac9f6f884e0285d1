using System.Buffers.Binary;
using GradientService.Api.Series;

namespace GradientService.Api.Storage;

/// <summary>Reads and writes the packed layout of <see cref="LayerChunk.Data"/> (field-major float64, little-endian).</summary>
public static class ChunkCodec
{
    public static readonly int Fields = Enum.GetValues<LayerField>().Length;

    public static int Bytes => Fields * LayerChunk.Width * sizeof(double);

    public static double Read(ReadOnlySpan<byte> data, int field, int slot) =>
        BinaryPrimitives.ReadDoubleLittleEndian(data[((field * LayerChunk.Width + slot) * sizeof(double))..]);

    public static void Write(Span<byte> data, int field, int slot, double value) =>
        BinaryPrimitives.WriteDoubleLittleEndian(data[((field * LayerChunk.Width + slot) * sizeof(double))..], value);

    /// <summary>The recorded samples of a chunk within [from, to], in step order.</summary>
    public static IEnumerable<LayerSample> Unpack(LayerChunk chunk, int from = 1, int to = int.MaxValue)
    {
        for (var slot = 0; slot < LayerChunk.Width; slot++)
        {
            if ((chunk.Present & (1 << slot)) == 0) continue;
            var step = LayerChunk.FirstStep(chunk.Chunk) + slot;
            if (step < from || step > to) continue;
            var values = new double[Fields];
            for (var f = 0; f < Fields; f++) values[f] = Read(chunk.Data, f, slot);
            yield return new LayerSample(chunk.Layer, step, values);
        }
    }

    /// <summary>Appends one field of a chunk's recorded slots within [from, to] to the step and value lists.</summary>
    public static void Field(LayerChunk chunk, LayerField field, int from, int to, List<int> steps, List<double> values)
    {
        var first = LayerChunk.FirstStep(chunk.Chunk);
        for (var slot = 0; slot < LayerChunk.Width; slot++)
        {
            var step = first + slot;
            if ((chunk.Present & (1 << slot)) == 0 || step < from || step > to) continue;
            steps.Add(step);
            values.Add(Read(chunk.Data, (int)field, slot));
        }
    }
}
