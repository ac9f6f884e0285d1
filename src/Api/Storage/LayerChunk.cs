namespace GradientService.Api.Storage;

/// <summary>
/// The probes of one layer over <see cref="Width"/> consecutive steps, packed: a 100-layer net writes 6.25 rows per step
/// instead of 100, which is what lets the recorder persist 5,000+ steps/s (SQLite's cost is per row, not per byte).
/// Keyed (run, layer, chunk), clustered (WITHOUT ROWID): one layer's series is one contiguous range. <see cref="Data"/>
/// holds every layer metric at every offset (a step's position in the chunk), in the layout of <see cref="Version"/>
/// (see <see cref="ChunkCodec"/>).
/// </summary>
public sealed class LayerChunk
{
    /// <summary>
    /// Steps per chunk; chunk c holds steps c·Width + 1 … (c + 1)·Width. 16 × 15 metrics × 8 bytes (+ 2 bytes of absence
    /// mask per metric; 1,950 bytes) stays inside one 8 KiB page of a WITHOUT ROWID table (SQLite spills index-b-tree payloads over
    /// ~2,000 bytes to overflow pages).
    /// </summary>
    public const int Width = 16;

    public long RunKey { get; set; }

    public int Layer { get; set; }

    public int Chunk { get; set; }

    /// <summary>Bit o set when offset o (step Chunk·Width + o + 1) was recorded.</summary>
    public int Present { get; set; }

    /// <summary>The layout of <see cref="Data"/> (see <see cref="ChunkCodec"/>); rows written before versions existed are 1.</summary>
    public int Version { get; set; } = ChunkCodec.Current;

    public required byte[] Data { get; set; }

    public static int ChunkOf(int step) => (step - 1) / Width;

    /// <summary>The step's position within its chunk (0 … Width − 1).</summary>
    public static int OffsetOf(int step) => (step - 1) % Width;

    public static int FirstStep(int chunk) => chunk * Width + 1;
}
