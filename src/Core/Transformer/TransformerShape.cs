using GradientService.Contracts.Spec;
using GradientService.Core.Tensors;

namespace GradientService.Core.Transformer;

/// <summary>
/// A transformer's sizes, and where its parts sit in the telemetry rows (parameter groups): 0 = input_proj (with pos),
/// 1 + 2i = block i's self-attention (with norm1), 2 + 2i = its feed-forward sublayer (with norm2), 1 + 2N = the head
/// (with the final norm).
/// </summary>
/// <remarks>Inputs: features per step; Width: E (d_model); Heads: H; FeedForward: F; Blocks: N; Steps: T, the data's sequence
/// length (rows per example); MaxPositions: rows of pos; Outputs: C.</remarks>
internal sealed record TransformerShape(int Inputs, int Width, int Heads, int FeedForward, int Blocks, int Steps, int MaxPositions, int Outputs)
{
    public static TransformerShape Of(TransformerSpec spec, int inputs, int outputs, int steps) =>
        new(inputs, spec.Width, spec.Heads, spec.FeedForwardWidth(), spec.Depth, steps, spec.MaxPositions ?? steps, outputs);

    /// <summary>d = E/H, the width of one head.</summary>
    public int HeadWidth => Width / Heads;

    public static int AttentionGroup(int block) => 1 + 2 * block;

    public static int FeedForwardGroup(int block) => 2 + 2 * block;

    public int HeadGroup => 1 + 2 * Blocks;

    /// <summary>Telemetry rows: input_proj, two per block, the head.</summary>
    public int Rows => 2 + 2 * Blocks;

    /// <summary>Copies head h of example b (pair b·H + h) of column slot <paramref name="slot"/> (q, k, v) of [B·T, slots·E]
    /// rows to a [T, d] block.</summary>
    public void Gather<T>(MatrixView<T> rows, int slot, int pair, Span<T> head) where T : unmanaged
    {
        var (b, h, d) = (pair / Heads, pair % Heads, HeadWidth);
        var column = slot * Width + h * d;
        for (var t = 0; t < Steps; t++) rows.Row(b * Steps + t).Slice(column, d).CopyTo(head.Slice(t * d, d));
    }

    /// <summary>The inverse of <see cref="Gather{T}"/>.</summary>
    public void Scatter<T>(ReadOnlySpan<T> head, MatrixView<T> rows, int slot, int pair) where T : unmanaged
    {
        var (b, h, d) = (pair / Heads, pair % Heads, HeadWidth);
        var column = slot * Width + h * d;
        for (var t = 0; t < Steps; t++) head.Slice(t * d, d).CopyTo(rows.Row(b * Steps + t).Slice(column, d));
    }
}
