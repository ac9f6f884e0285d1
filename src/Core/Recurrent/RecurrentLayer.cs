using GradientService.Core.Layers;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;

namespace GradientService.Core.Recurrent;

/// <summary>
/// One recurrent layer k in PyTorch's nn.RNN/nn.LSTM/nn.GRU layout: W_ih [G·H, in], W_hh [G·H, H], b_ih, b_hh [G·H],
/// gate blocks stacked by rows (lstm i, f, g, o; gru r, z, n). Buffers are time-major [T·B, ·], sized for capacity B.
/// </summary>
internal sealed class RecurrentLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public RecurrentLayer(Architecture cell, int index, int inputs, int hidden, int steps, int capacity)
    {
        Cell = cell;
        Index = index;
        Inputs = inputs;
        Hidden = hidden;
        Steps = steps;
        Capacity = capacity;
        Gates = GatesOf(cell);
        var gh = Gates * hidden;
        InputWeight = new Parameter<T>($"rnn.weight_ih_l{index}", index, gh, inputs) { Role = ParameterRole.Weight };
        RecurrentWeight = new Parameter<T>($"rnn.weight_hh_l{index}", index, gh, hidden) { Role = ParameterRole.Weight };
        InputBias = new Parameter<T>($"rnn.bias_ih_l{index}", index, gh) { Role = ParameterRole.Bias };
        RecurrentBias = new Parameter<T>($"rnn.bias_hh_l{index}", index, gh) { Role = ParameterRole.Bias };
        var rows = steps * capacity;
        Input = index == 0 ? new T[rows * inputs] : [];
        Pre = new T[rows * gh];
        Act = cell == Architecture.Rnn ? [] : new T[rows * gh];
        Output = new T[rows * hidden];
        Cell2 = cell == Architecture.Lstm ? new T[rows * hidden] : [];
        TanhCell = cell == Architecture.Lstm ? new T[rows * hidden] : [];
        RecurrentPre = cell == Architecture.Gru ? new T[rows * hidden] : [];
        OutputGrad = new T[rows * hidden];
        PreGrad = new T[rows * gh];
        RecurrentPreGrad = cell == Architecture.Gru ? new T[rows * gh] : PreGrad;
        Carry = new T[capacity * hidden];
        CellCarry = new T[capacity * hidden];
        StepScratch = new T[capacity * gh];
        InitialHidden = new T[capacity * hidden];
        InitialCell = new T[capacity * hidden];
    }

    public Architecture Cell { get; }
    public int Index { get; }
    public int Inputs { get; }
    public int Hidden { get; }
    public int Steps { get; }
    public int Capacity { get; }
    public int Gates { get; }

    public Parameter<T> InputWeight { get; }
    public Parameter<T> RecurrentWeight { get; }
    public Parameter<T> InputBias { get; }
    public Parameter<T> RecurrentBias { get; }
    public IReadOnlyList<Parameter<T>> Parameters => [InputWeight, RecurrentWeight, InputBias, RecurrentBias];

    public MatrixView<T> Wih => new(InputWeight.Value, 0, Gates * Hidden, Inputs);
    public MatrixView<T> Whh => new(RecurrentWeight.Value, 0, Gates * Hidden, Hidden);

    /// <summary>Layer 0's input, transposed to time-major [T·B, in] (upper layers read the layer below's output).</summary>
    public T[] Input { get; }

    /// <summary>Pre-activations [T·B, G·H]: x W_ihᵀ + b_ih (+ h W_hhᵀ + b_hh for rnn and lstm; gru keeps the two apart).</summary>
    public T[] Pre { get; }

    /// <summary>Gate activations [T·B, G·H] (lstm i, f, g, o; gru r, z, n).</summary>
    public T[] Act { get; }

    /// <summary>h_t [T·B, H].</summary>
    public T[] Output { get; }

    /// <summary>lstm c_t [T·B, H].</summary>
    public T[] Cell2 { get; }

    /// <summary>lstm tanh(c_t) [T·B, H].</summary>
    public T[] TanhCell { get; }

    /// <summary>gru h_{t−1} W_hnᵀ + b_hn [T·B, H] (the part the reset gate scales).</summary>
    public T[] RecurrentPre { get; }

    /// <summary>∂L/∂h_t from above (read-out or the next layer) [T·B, H]; the backward pass adds the recurrent part.</summary>
    public T[] OutputGrad { get; }

    /// <summary>∂L/∂(input-side pre-activation) [T·B, G·H].</summary>
    public T[] PreGrad { get; }

    /// <summary>∂L/∂(recurrent-side pre-activation) [T·B, G·H]; the same array as <see cref="PreGrad"/> except for gru.</summary>
    public T[] RecurrentPreGrad { get; }

    /// <summary>∂L/∂h_{t−1} through the recurrence [B, H].</summary>
    public T[] Carry { get; }

    /// <summary>lstm ∂L/∂c_{t−1} through the cell path [B, H].</summary>
    public T[] CellCarry { get; }

    /// <summary>h₀ [B, H] when <see cref="HasInitialState"/> (a sequence continued from an earlier chunk), else 0.</summary>
    public T[] InitialHidden { get; }

    /// <summary>lstm c₀ [B, H] when <see cref="HasInitialState"/>.</summary>
    public T[] InitialCell { get; }

    /// <summary>True when h₀ (and c₀) are given rather than 0; no gradient flows into them.</summary>
    public bool HasInitialState { get; set; }

    /// <summary>Whether step t has a non-zero previous state.</summary>
    public bool HasPrevious(int t) => t > 0 || HasInitialState;

    /// <summary>The previous step's rows of <paramref name="data"/> ([T·B, cols]), or of <paramref name="initial"/> ([B, cols]) at t = 0.</summary>
    public static MatrixView<T> Previous(T[] data, T[] initial, int t, BatchRows rows, int cols) =>
        t > 0 ? At(data, t - 1, rows, cols) : Of(initial, rows, cols);

    /// <summary>One step's [B, G·H] scratch.</summary>
    public T[] StepScratch { get; }

    public static int GatesOf(Architecture cell) => cell switch
    {
        Architecture.Lstm => 4,
        Architecture.Gru => 3,
        _ => 1,
    };

    /// <summary>Rows [t·B, (t+1)·B) of a time-major buffer with <paramref name="cols"/> columns.</summary>
    public static MatrixView<T> At(T[] data, int t, int batch, int cols) => new(data, t * batch * cols, batch, cols);

    /// <summary>Step t's rows of the examples <paramref name="rows"/> in a time-major buffer with <paramref name="cols"/> columns.</summary>
    public static MatrixView<T> At(T[] data, int t, BatchRows rows, int cols) => new(data, (t * rows.Batch + rows.Start) * cols, rows.Count, cols);

    /// <summary>The examples <paramref name="rows"/> of a per-example buffer ([B, cols]: carries, h₀, scratch).</summary>
    public static MatrixView<T> Of(T[] data, BatchRows rows, int cols) => new(data, rows.Start * cols, rows.Count, cols);

    /// <summary>All T·B rows of a time-major buffer.</summary>
    public static MatrixView<T> All(T[] data, int steps, int batch, int cols) => new(data, 0, steps * batch, cols);
}
