using GradientService.Api.Storage;
using GradientService.Core.Probes;

namespace GradientService.Api.Telemetry;

/// <summary>
/// The open <see cref="LayerChunk"/> of every layer of one run, filled step by step on the recorder thread and written
/// when the chunk is complete (and, partially, at the end of each batch). A resumed run reopens it from the store.
/// </summary>
public sealed class ChunkBuffer
{
    private readonly byte[][] _data;

    public ChunkBuffer(int layers)
    {
        _data = new byte[layers][];
        for (var l = 0; l < layers; l++) _data[l] = new byte[ChunkCodec.Bytes];
    }

    /// <summary>The open chunk (−1 before the first step).</summary>
    public int Chunk { get; private set; } = -1;

    /// <summary>Recorded slots of the open chunk (bit s = slot s).</summary>
    public int Present { get; private set; }

    public int Layers => _data.Length;

    public ReadOnlySpan<byte> Data(int layer) => _data[layer - 1];

    public void Reset(int chunk)
    {
        Chunk = chunk;
        Present = 0;
        foreach (var data in _data) Array.Clear(data);
    }

    public void Add(int step, ReadOnlySpan<LayerStats> layers)
    {
        var slot = LayerChunk.SlotOf(step);
        for (var l = 0; l < _data.Length && l < layers.Length; l++)
        {
            ref readonly var s = ref layers[l];
            var data = _data[l].AsSpan();
            for (var f = 0; f < RollupAccumulator.Fields.Length; f++) ChunkCodec.Write(data, f, slot, RollupAccumulator.Value(in s, RollupAccumulator.Fields[f]));
        }
        Present |= 1 << slot;
    }

    /// <summary>Reopens <paramref name="chunk"/> with its stored rows (a resumed run; the store holds only the slots up to the resume step).</summary>
    public void Seed(int chunk, IEnumerable<LayerChunk> stored)
    {
        Reset(chunk);
        foreach (var row in stored)
        {
            if (row.Layer < 1 || row.Layer > _data.Length || row.Chunk != chunk) continue;
            row.Data.AsSpan(0, Math.Min(row.Data.Length, ChunkCodec.Bytes)).CopyTo(_data[row.Layer - 1]);
            Present |= row.Present;
        }
    }
}
