using System.Numerics.Tensors;
using GradientService.Core.Activations;
using GradientService.Core.Tensors;

namespace GradientService.Core.Layers;

/// <summary>
/// One layer of a <see cref="FeedForwardNet{T}"/> and its per-run buffers, sized for <c>capacity</c> rows:
/// z = h_{l−1}Wᵀ + b (<see cref="DenseLayer{T}"/>), u = norm(z) (optional), a = φ(u) (not on the read-out),
/// h = a (+ h_s when it ends a residual block that started after layer s). Backward, the chain rule in reverse:
/// ∂L/∂h flows to h_s unchanged, ∂L/∂u = ∂L/∂h ⊙ φ′(u), δ = ∂L/∂z through the norm, ∂L/∂h_{l−1} = δW, ∂L/∂W = δᵀh_{l−1}.
/// <see cref="Forward"/> and <see cref="Backward"/> run on any rows of the batch, so the net's two schedules (the whole
/// batch, or one share of its rows per thread) call the same code.
/// </summary>
internal sealed class FeedForwardLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _z, _u, _a, _h, _g, _delta, _deltaU;
    private readonly Activation<T> _activation;

    public FeedForwardLayer(DenseLayer<T> dense, INormalization<T>? norm, Activation<T> activation, bool isReadout, FeedForwardLayer<T>? skip, int capacity, int threads)
    {
        Dense = dense;
        Norm = norm;
        _activation = activation;
        IsReadout = isReadout;
        Skip = skip;
        if (skip is not null) skip.ReceivesSkip = true;
        var size = capacity * dense.Outputs;
        _z = new T[size];
        _u = norm is null ? _z : new T[size];
        _a = isReadout ? _u : new T[size];
        _h = skip is not null ? new T[size] : _a;
        _g = new T[size];
        _delta = isReadout ? _g : new T[size];
        _deltaU = norm is null ? _delta : new T[size];
        Alive = new T[threads * dense.Outputs];
        MomentSums = new double[GranuleSums.Count(capacity)];
        MomentSquares = new double[GranuleSums.Count(capacity)];
        Parameters = norm is null ? [dense.Weight, dense.Bias] : [dense.Weight, dense.Bias, norm.Gamma, norm.Beta];
    }

    public DenseLayer<T> Dense { get; }

    /// <summary>The normalisation, which couples the rows of a batch: a net with one never cuts its batch into shares.</summary>
    public INormalization<T>? Norm { get; }

    public bool IsReadout { get; }

    /// <summary>The layer whose output this layer adds to its own (end of a residual block), or null.</summary>
    public FeedForwardLayer<T>? Skip { get; }

    /// <summary>Whether ∂L/∂h already holds a residual path's share when the layer above adds its own.</summary>
    public bool ReceivesSkip { get; private set; }

    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>The dead-unit probe's masks: one per share ([threads × outputs], see <see cref="Reductions.ActivationMoments{T}"/>).</summary>
    public T[] Alive { get; }

    /// <summary>The activation probe's Σa and Σa², one entry per granule of the batch (<see cref="GranuleSums"/>).</summary>
    public double[] MomentSums { get; }

    /// <inheritdoc cref="MomentSums"/>
    public double[] MomentSquares { get; }

    /// <summary>Pre-activation z = h·Wᵀ + b.</summary>
    public MatrixView<T> Z(int rows) => View(_z, rows);

    /// <summary>Normalised u = norm(z) (z itself without normalisation).</summary>
    public MatrixView<T> U(int rows) => View(_u, rows);

    /// <summary>Activation a = φ(u) (the read-out: u).</summary>
    public MatrixView<T> A(int rows) => View(_a, rows);

    /// <summary>Output h = a, or a + h_s at the end of a residual block.</summary>
    public MatrixView<T> H(int rows) => View(_h, rows);

    /// <summary>∂L/∂h.</summary>
    public MatrixView<T> G(int rows) => View(_g, rows);

    /// <summary>δ = ∂L/∂z.</summary>
    public MatrixView<T> Delta(int rows) => View(_delta, rows);

    /// <summary>∂L/∂u (δ itself without normalisation).</summary>
    public MatrixView<T> DeltaU(int rows) => View(_deltaU, rows);

    /// <summary>z, u, a and h of the examples <paramref name="r"/> from the layer's input <paramref name="x"/> [batch, in].</summary>
    public void Forward(MatrixProduct<T> mm, MatrixView<T> x, BatchRows r, bool training)
    {
        Dense.Product(mm, r.Of(x), r.Of(Z(r.Batch)));
        Pointwise(r, training);
    }

    /// <summary>After z = x·Wᵀ: b, the norm, φ and the residual path on the rows <paramref name="r"/> (any rows when there is no norm).</summary>
    public void Pointwise(BatchRows r, bool training)
    {
        var batch = r.Batch;
        Dense.AddBias(r.Of(Z(batch)));
        Norm?.Forward(r.Of(Z(batch)), r.Of(U(batch)), training);
        if (IsReadout) return;
        _activation.Forward(r.Of(U(batch)).Span, r.Of(A(batch)).Span);
        if (Skip is not null) TensorPrimitives.Add(r.Of(A(batch)).Span, r.Of(Skip.H(batch)).Span, r.Of(H(batch)).Span);
    }

    /// <summary>
    /// For the examples <paramref name="r"/>, from ∂L/∂h: passes it down the residual path, writes δ (and ∂L/∂γ, ∂L/∂β of
    /// the norm), with <paramref name="parameterGradients"/> (the whole batch only) ∂L/∂W = δᵀx and ∂L/∂b = Σδ from the
    /// layer's input <paramref name="x"/>, and, given the layer <paramref name="below"/>, its ∂L/∂h = δW, last, so the
    /// layer below finds it in cache. Returns the saturated entries (0 for the read-out).
    /// </summary>
    public int Backward(MatrixProduct<T> mm, MatrixView<T> x, BatchRows r, FeedForwardLayer<T>? below, bool parameterGradients)
    {
        var saturated = PointwiseBackward(r);
        Norm?.Backward(r.Of(DeltaU(r.Batch)), r.Of(Delta(r.Batch)));
        if (parameterGradients) ParameterGradients(mm, x);
        if (below is not null) InputGradient(mm, r, below);
        return saturated;
    }

    /// <summary>From ∂L/∂h on the rows <paramref name="r"/>: its copy down the residual path and ∂L/∂u = ∂L/∂h ⊙ φ′(u); returns the saturated entries.</summary>
    public int PointwiseBackward(BatchRows r)
    {
        if (IsReadout) return 0;
        var batch = r.Batch;
        if (Skip is not null) r.Of(G(batch)).Span.CopyTo(r.Of(Skip.G(batch)).Span);
        return _activation.Backward(r.Of(U(batch)).Span, r.Of(A(batch)).Span, r.Of(G(batch)).Span, r.Of(DeltaU(batch)).Span);
    }

    /// <summary>The layer <paramref name="below"/>'s ∂L/∂h = δW on the rows <paramref name="r"/>.</summary>
    public void InputGradient(MatrixProduct<T> mm, BatchRows r, FeedForwardLayer<T> below) =>
        Dense.InputGradient(mm, r.Of(Delta(r.Batch)), r.Of(below.G(r.Batch)), below.ReceivesSkip);

    /// <summary>∂L/∂W = δᵀx and ∂L/∂b = Σδ over the whole batch of the layer's input <paramref name="x"/> [batch, in] (one product).</summary>
    public void ParameterGradients(MatrixProduct<T> mm, MatrixView<T> x) => Dense.ParameterGradients(mm, x, Delta(x.Rows));

    private MatrixView<T> View(T[] data, int rows) => new(data, 0, rows, Dense.Outputs);
}
