using GradientService.Core.Tensors;

namespace GradientService.Core.Transformer;

/// <summary>Buffers every block uses in turn (nothing in them outlives one block's forward or backward pass).</summary>
internal sealed class TransformerScratch<T> where T : unmanaged
{
    private readonly TransformerShape _shape;
    private readonly T[] _qkv;
    private readonly T[] _dQkv;

    public TransformerScratch(TransformerShape shape, int capacity)
    {
        _shape = shape;
        var rows = capacity * shape.Steps;
        var e = shape.Width;
        _qkv = new T[rows * 3 * e];
        _dQkv = new T[rows * 3 * e];
        HeadsBuffer = new T[rows * 3 * e];
        DWeights = new T[capacity * shape.Heads * shape.Steps * shape.Steps];
        DContext = new T[rows * e];
        Output = new T[rows * e];
        GradX = new T[rows * e];
        GradMid = new T[rows * e];
        GradA = new T[rows * e];
        GradB = new T[rows * e];
        GradHidden = new T[rows * shape.FeedForward];
        GradPre = new T[rows * shape.FeedForward];
    }

    /// <summary>Head-major [3][B·H][T, d]: the heads' ctx in forward, ∂q, ∂k, ∂v in backward.</summary>
    public T[] HeadsBuffer { get; }

    /// <summary>∂L/∂P, then ∂L/∂S, [B·H][T, T].</summary>
    public T[] DWeights { get; }

    public T[] DContext { get; }

    /// <summary>A sublayer's output (sa or ff) before the residual addition.</summary>
    public T[] Output { get; }

    /// <summary>∂L/∂ the residual stream at a block boundary (x_{i+1} on entry to block i's backward, x_i on exit).</summary>
    public T[] GradX { get; }

    /// <summary>∂L/∂ the stream between a block's two sublayers.</summary>
    public T[] GradMid { get; }

    public T[] GradA { get; }
    public T[] GradB { get; }

    /// <summary>∂L/∂φ(u) and ∂L/∂u of the feed-forward sublayer, [B·T, F].</summary>
    public T[] GradHidden { get; }
    public T[] GradPre { get; }

    public MatrixView<T> Qkv(int rows) => new(_qkv, 0, rows, 3 * _shape.Width);

    public MatrixView<T> DQkv(int rows) => new(_dQkv, 0, rows, 3 * _shape.Width);

    /// <summary>The first <paramref name="rows"/> rows of a [B·T, E] buffer.</summary>
    public MatrixView<T> Rows(T[] buffer, int rows) => new(buffer, 0, rows, _shape.Width);

    /// <summary>The first <paramref name="rows"/> rows of a [B·T, F] buffer.</summary>
    public MatrixView<T> Hidden(T[] buffer, int rows) => new(buffer, 0, rows, _shape.FeedForward);
}
