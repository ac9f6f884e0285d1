using GradientService.Core.Tensors;

namespace GradientService.Core.Layers;

/// <summary>One layer of a <see cref="FeedForwardNet{T}"/> and its per-run buffers, sized for <c>capacity</c> rows.</summary>
internal sealed class FeedForwardSlot<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _z, _u, _a, _h, _g, _delta, _deltaU;

    public FeedForwardSlot(DenseLayer<T> dense, INormalization<T>? norm, bool isReadout, int skipFrom, int capacity, int threads)
    {
        Dense = dense;
        Norm = norm;
        IsReadout = isReadout;
        SkipFrom = skipFrom;
        var size = capacity * dense.Outputs;
        _z = new T[size];
        _u = norm is null ? _z : new T[size];
        _a = isReadout ? _u : new T[size];
        _h = skipFrom >= 0 ? new T[size] : _a;
        _g = new T[size];
        _delta = isReadout ? _g : new T[size];
        _deltaU = norm is null ? _delta : new T[size];
        Alive = new T[threads * dense.Outputs];
        MomentSums = new double[GranuleSums.Count(capacity)];
        MomentSquares = new double[GranuleSums.Count(capacity)];
        Parameters = norm is null ? [dense.Weight, dense.Bias] : [dense.Weight, dense.Bias, norm.Gamma, norm.Beta];
    }

    public DenseLayer<T> Dense { get; }
    public INormalization<T>? Norm { get; }
    public bool IsReadout { get; }

    /// <summary>Slot whose output this layer adds to its own (end of a residual block), or −1.</summary>
    public int SkipFrom { get; }

    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>The dead-unit probe's masks: one per share ([threads × outputs], see <see cref="Reductions.ActivationMoments{T}"/>).</summary>
    public T[] Alive { get; }

    /// <summary>The activation probe's Σa and Σa², one slot per granule of the batch (<see cref="GranuleSums"/>).</summary>
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

    private MatrixView<T> View(T[] data, int rows) => new(data, 0, rows, Dense.Outputs);
}
