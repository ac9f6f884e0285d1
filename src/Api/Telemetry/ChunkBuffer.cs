using GradientService.Api.Storage;
using GradientService.Contracts.Metrics;
using GradientService.Core.Probes;

namespace GradientService.Api.Telemetry;

/// <summary>
/// The open <see cref="LayerChunk"/> of every layer of one run, in the current layout (<see cref="ChunkCodec.Current"/>),
/// filled step by step on the recorder thread and written when the chunk is complete (and, partially, at the end of
/// each batch). A resumed run reopens it from the store, whatever layout the stored rows have.
/// </summary>
public sealed class ChunkBuffer
{
    private readonly byte[][] _data;
    private readonly byte[] _packed = new byte[ChunkCodec.Bytes()];

    public ChunkBuffer(int layers)
    {
        _data = new byte[layers][];
        for (var l = 0; l < layers; l++) _data[l] = new byte[ChunkCodec.Bytes()];
    }

    /// <summary>The open chunk (−1 before the first step).</summary>
    public int Chunk { get; private set; } = -1;

    /// <summary>Recorded offsets of the open chunk (bit o = offset o).</summary>
    public int Present { get; private set; }

    public int Layers => _data.Length;

    /// <summary>
    /// The open chunk has rows in the store (an earlier batch wrote it, or it was reopened from the store), so its next
    /// write updates them; otherwise it inserts them.
    /// </summary>
    public bool Stored { get; set; }

    public ReadOnlySpan<byte> Data(int layer) => _data[layer - 1];

    /// <summary>A layer's row in its stored form (<see cref="ChunkCodec.Pack"/>); the bytes are valid until the next call.</summary>
    public (int Version, ReadOnlyMemory<byte> Data) Packed(int layer)
    {
        var (version, length) = ChunkCodec.Pack(_data[layer - 1], Present, _packed);
        return (version, _packed.AsMemory(0, length));
    }

    public void Reset(int chunk)
    {
        Chunk = chunk;
        Present = 0;
        Stored = false;
        foreach (var data in _data) Array.Clear(data);
    }

    /// <summary>Makes this buffer a copy of <paramref name="other"/> (of as many layers).</summary>
    public void CopyFrom(ChunkBuffer other)
    {
        (Chunk, Present, Stored) = (other.Chunk, other.Present, other.Stored);
        for (var l = 0; l < _data.Length; l++) other._data[l].CopyTo(_data[l], 0);
    }

    public void Add(int step, ReadOnlySpan<LayerStats> layers)
    {
        var offset = LayerChunk.OffsetOf(step);
        for (var l = 0; l < _data.Length && l < layers.Length; l++)
        {
            ref readonly var s = ref layers[l];
            var data = _data[l].AsSpan();
            for (var m = 0; m < LayerMetrics.Count; m++)
            {
                var metric = (LayerMetric)m;
                ChunkCodec.Write(data, m, offset, s.Has(metric) ? s[metric] : null);
            }
        }
        Present |= 1 << offset;
    }

    /// <summary>Reopens <paramref name="chunk"/> with its stored rows (a resumed run; the store holds only the offsets up to the resume step).</summary>
    public void Seed(int chunk, IEnumerable<LayerChunk> stored)
    {
        Reset(chunk);
        foreach (var row in stored)
        {
            if (row.Layer < 1 || row.Layer > _data.Length || row.Chunk != chunk) continue;
            var present = row.Present;
            for (var offset = 0; offset < LayerChunk.Width; offset++)
            {
                if ((present & (1 << offset)) == 0) continue;
                for (var m = 0; m < LayerMetrics.Count; m++) ChunkCodec.Write(_data[row.Layer - 1], m, offset, ChunkCodec.Read(row.Version, row.Data, m, offset));
            }
            Present |= present;
            Stored = true;
        }
    }
}
