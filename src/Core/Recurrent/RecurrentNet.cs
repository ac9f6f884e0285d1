using GradientService.Core.Activations;
using GradientService.Core.Layers;
using GradientService.Core.Probes;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;
using GradientService.Core.Theory;
using GradientService.Core.Training;

namespace GradientService.Core.Recurrent;

/// <summary>
/// rnn, lstm and gru: K stacked recurrent layers of H units over T steps (h₀ = c₀ = 0), then a linear read-out
/// "head" on the last step or on every step. Trained by backpropagation through time, optionally truncated to the
/// last k steps of each chunk (chunks aligned to the end of the sequence).
/// </summary>
internal sealed partial class RecurrentNet<T> : INetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly MatrixProduct<T> _mm;
    private readonly RecurrentSpec _model;
    private readonly Activation<T> _activation;
    private readonly RecurrentLayer<T>[] _layers;
    private readonly DenseLayer<T> _head;
    private readonly int _steps;
    private readonly int _inputs;
    private readonly int _truncation;
    private readonly T[] _readIn;
    private readonly T[] _readInGrad;
    private readonly T[] _logits;
    private readonly T[] _logitsGrad;
    private readonly PackedMatrix<T> _packedWhh = new();
    private readonly GradientSquares<T> _gradSquares;
    private readonly int[] _shareSaturated;
    private readonly Action<int, MatrixProduct<T>> _forwardShare;
    private readonly Action<int, MatrixProduct<T>> _backwardShare;
    private RecurrentLayer<T>? _layer;

    /// <summary>Whether an rnn cell's backward takes the ‖δ‖ sums itself (float tanh on 512-bit lanes).</summary>
    private readonly bool _tanhSquares;
    private readonly float _tanhSaturatedBelow;
    private int _shares;
    private int _batch;

    public RecurrentNet(RecurrentSpec model, int inputs, int outputs, int steps, int capacity, MatrixProduct<T> mm)
    {
        _mm = mm;
        _model = model;
        _steps = steps;
        _inputs = inputs;
        _truncation = model.BpttLength is int length && length < steps ? length : steps;
        _activation = new Activation<T>(RecurrentBound.CellActivation(model), model.LeakyReluSlope, model.EluAlpha);
        Gamma = RecurrentBound.Gamma(model);
        _tanhSquares = typeof(T) == typeof(float) && _activation.Kind == ActivationKind.Tanh && TanhDeltaSquares.Supported;
        _tanhSaturatedBelow = (float)(Activation<T>.SaturationShare * _activation.MaxSlope);
        var hidden = model.Width;
        _layers = new RecurrentLayer<T>[model.Depth];
        for (var k = 0; k < _layers.Length; k++)
            _layers[k] = new RecurrentLayer<T>(model.Architecture, k, k == 0 ? inputs : hidden, hidden, steps, capacity);
        _head = new DenseLayer<T>("head", _layers.Length, hidden, outputs);
        var predictions = model.Output == OutputMode.Every ? capacity * steps : capacity;
        _readIn = new T[predictions * hidden];
        _readInGrad = new T[predictions * hidden];
        _logits = new T[predictions * outputs];
        _logitsGrad = new T[predictions * outputs];
        var gates = RecurrentLayer<T>.GatesOf(model.Architecture);
        _granules = GranuleSums.Count(capacity);
        var sums = steps * _granules;
        _granuleSum = new double[sums];
        _granuleSquares = new double[sums];
        _granuleForget = model.Architecture == Architecture.Lstm ? new double[sums] : [];
        _granuleDelta = new double[sums];
        _granuleLag = new double[sums];
        _shareAlive = new T[mm.Threads * hidden];
        _sigmaStart = [.. _layers.Select(_ => new double[hidden])];
        _powerScratch = new double[hidden + gates * hidden];
        _shareSaturated = new int[mm.Threads];
        _forwardShare = ForwardShare;
        _backwardShare = BackwardShare;
        Parameters = [.. _layers.SelectMany(l => l.Parameters), _head.Weight, _head.Bias];
        _gradSquares = new GradientSquares<T>(Parameters, mm);
        var kind = model.Architecture.ToString().ToLowerInvariant();
        Info = new ModelInfo(
            [.. _layers.Select(l => new LayerInfo(l.Index + 1, $"rnn.l{l.Index}", l.Inputs, gates * hidden, kind)),
             new LayerInfo(_layers.Length + 1, "head", hidden, outputs, "readout")],
            Parameters.Sum(p => (long)p.Length), _layers.Length, gates, steps);
    }

    public ModelInfo Info { get; }
    public IReadOnlyList<Parameter<T>> Parameters { get; }
    public IReadOnlyList<(string Name, T[] Data)> Buffers => [];

    /// <summary>The recurrent layers, input side first.</summary>
    public IReadOnlyList<RecurrentLayer<T>> Layers => _layers;

    /// <summary>γ of the bound γ·σ_max (<see cref="RecurrentBound.Gamma"/>).</summary>
    public double Gamma { get; }

    public MatrixView<T> Forward(MatrixView<T> input, bool training, StepRecord? record)
    {
        var batch = _batch = input.Rows;
        _probing = record is not null;
        ToTimeMajor(input, _layers[0].Input, batch);
        for (var k = 0; k < _layers.Length; k++)
        {
            var layer = _layers[k];
            var x = LayerInput(k, batch);
            var pre = RecurrentLayer<T>.All(layer.Pre, _steps, batch, layer.Gates * layer.Hidden);
            _mm.Multiply(x, false, layer.Wih, true, pre);
            CellMath.AddRowVector(pre, layer.InputBias.Value);
            _mm.Pack(layer.Whh, transB: true, _packedWhh);
            if (_probing) _shareAlive.AsSpan().Clear();
            RunShares(layer, batch, _forwardShare);
            if (record is not null) ProbeForward(layer, batch, ref record.Layers[k], record.Recurrent[k]);
        }
        var logits = ReadOut(batch);
        if (record is not null) ProbeReadOut(logits, ref record.Layers[^1]);
        return logits;
    }

    public MatrixView<T> LogitsGradient(int rows) => new(_logitsGrad, 0, Predictions(rows), _head.Outputs);

    public void Backward(MatrixView<T> input, StepRecord? record, double[]? gradSquares = null)
    {
        var batch = _batch;
        var hidden = _model.Width;
        var top = _layers[^1];
        _probing = record is not null;
        var dLogits = LogitsGradient(batch);
        if (record is not null) record.Layers[^1].PreactivationGradNorm = Math.Sqrt(Reductions.SumOfSquares<T>(dLogits.Span));
        var readInGrad = new MatrixView<T>(_readInGrad, 0, dLogits.Rows, hidden);
        _head.Backward(_mm, new MatrixView<T>(_readIn, 0, dLogits.Rows, hidden), dLogits, readInGrad, false);
        top.OutputGrad.AsSpan(0, _steps * batch * hidden).Clear();
        if (_model.Output == OutputMode.Every) ScatterFromExampleMajor(readInGrad, top.OutputGrad, batch);
        else readInGrad.Span.CopyTo(RecurrentLayer<T>.At(top.OutputGrad, _steps - 1, batch, hidden).Span);

        for (var k = _layers.Length - 1; k >= 0; k--)
        {
            var layer = _layers[k];
            var saturated = BackThroughTime(layer, batch, record is { HasTimeLag: true } ? record.Recurrent[k].TimeLag : default);
            var gh = layer.Gates * hidden;
            var pre = RecurrentLayer<T>.All(layer.PreGrad, _steps, batch, gh);
            var x = LayerInput(k, batch);
            _mm.Multiply(pre, true, x, false, new MatrixView<T>(layer.InputWeight.Grad, 0, gh, layer.Inputs));
            layer.InputBias.Grad.AsSpan().Clear();
            CellMath.AddColumnSums(pre, layer.InputBias.Grad);
            var rec = RecurrentLayer<T>.All(layer.RecurrentPreGrad, _steps, batch, gh);
            var whhGrad = new MatrixView<T>(layer.RecurrentWeight.Grad, 0, gh, hidden);
            // ∂L/∂W_hh = Σ_{t≥1} δ_tᵀ h_{t−1}: one product over the time-shifted slices.
            if (_steps > 1)
                _mm.Multiply(rec.RowSlice(batch, (_steps - 1) * batch), true, RecurrentLayer<T>.All(layer.Output, _steps - 1, batch, hidden), false, whhGrad);
            else
                whhGrad.Span.Clear();
            if (layer.HasInitialState)
                _mm.Multiply(RecurrentLayer<T>.At(layer.RecurrentPreGrad, 0, batch, gh), true, new MatrixView<T>(layer.InitialHidden, 0, batch, hidden), false, whhGrad, accumulate: true);
            layer.RecurrentBias.Grad.AsSpan().Clear();
            CellMath.AddColumnSums(rec, layer.RecurrentBias.Grad);
            if (k > 0) _mm.Multiply(pre, false, layer.Wih, false, RecurrentLayer<T>.All(_layers[k - 1].OutputGrad, _steps, batch, hidden));
            if (record is not null) ProbeBackward(layer, batch, saturated, ref record.Layers[k], record.Recurrent[k]);
        }
        if (gradSquares is not null) _gradSquares.Fill(gradSquares);
    }

    /// <summary>
    /// Walks t = T−1 … 0: adds the recurrent carry to ∂L/∂h_t (making it the total derivative, the time-lag probe),
    /// runs the cell's backward rule, and carries ∂L/∂h_{t−1} = (recurrent-side δ_t)·W_hh (+ gru's direct path) back,
    /// cutting it at truncation boundaries. Returns the saturated entries.
    /// </summary>
    private int BackThroughTime(RecurrentLayer<T> layer, int batch, Span<double> timeLag)
    {
        _mm.Pack(layer.Whh, transB: false, _packedWhh);
        _lagging = !timeLag.IsEmpty;
        RunShares(layer, batch, _backwardShare);
        if (_lagging) TimeLag(batch, timeLag);
        var saturated = 0;
        for (var s = 0; s < _shares; s++) saturated += _shareSaturated[s];
        return saturated;
    }

    /// <summary>
    /// Runs a layer's time loop with the batch cut into one share per thread: examples do not interact inside the layer,
    /// so the shares need no synchronisation step by step (the weight gradients are summed afterwards, in one product).
    /// </summary>
    private void RunShares(RecurrentLayer<T> layer, int batch, Action<int, MatrixProduct<T>> share)
    {
        _layer = layer;
        _shares = BatchRows.Shares(batch, _mm.Threads);
        _mm.ForEachPart(_shares, share);
        _layer = null;
    }

    private void ForwardShare(int share, MatrixProduct<T> mm)
    {
        var layer = _layer!;
        var rows = BatchRows.Share(_batch, share, _shares);
        for (var t = 0; t < _steps; t++)
        {
            switch (layer.Cell)
            {
                case Architecture.Lstm: LstmCell.Forward(layer, mm, _packedWhh, t, rows); break;
                case Architecture.Gru: GruCell.Forward(layer, mm, _packedWhh, t, rows); break;
                default: RnnCell.Forward(layer, _activation, mm, _packedWhh, t, rows); break;
            }
            if (_probing) ProbeForwardRows(layer, t, rows, share);
        }
    }

    private void BackwardShare(int share, MatrixProduct<T> mm)
    {
        var layer = _layer!;
        var rows = BatchRows.Share(_batch, share, _shares);
        var hidden = layer.Hidden;
        var gh = layer.Gates * hidden;
        var carry = RecurrentLayer<T>.Of(layer.Carry, rows, hidden);
        var cellCarry = RecurrentLayer<T>.Of(layer.CellCarry, rows, hidden);
        carry.Span.Clear();
        cellCarry.Span.Clear();
        var saturated = 0;
        for (var t = _steps - 1; t >= 0; t--)
        {
            var dh = RecurrentLayer<T>.At(layer.OutputGrad, t, rows, hidden);
            if (_lagging) AddCarryTakingLag(dh, carry, rows, t);
            else System.Numerics.Tensors.TensorPrimitives.Add(dh.Span, carry.Span, dh.Span);
            saturated += layer.Cell switch
            {
                Architecture.Lstm => LstmCell.Backward(layer, t, rows),
                Architecture.Gru => GruCell.Backward(layer, t, rows),
                _ when _probing && _tanhSquares => RnnCell.BackwardTakingSquares(layer, t, rows, At(_granuleDelta, t), _tanhSaturatedBelow),
                _ => RnnCell.Backward(layer, _activation, t, rows),
            };
            if (_probing && !(layer.Cell == Architecture.Rnn && _tanhSquares))
                GranuleSums.Squares(RecurrentLayer<T>.At(layer.PreGrad, t, rows, gh), rows, At(_granuleDelta, t));
            if (t > 0 && (_steps - t) % _truncation != 0)
            {
                mm.Multiply(RecurrentLayer<T>.At(layer.RecurrentPreGrad, t, rows, gh), false, _packedWhh, carry, accumulate: true);
            }
            else
            {
                carry.Span.Clear();
                cellCarry.Span.Clear();
            }
        }
        _shareSaturated[share] = saturated;
    }

    private MatrixView<T> LayerInput(int k, int batch) => k == 0
        ? RecurrentLayer<T>.All(_layers[0].Input, _steps, batch, _inputs)
        : RecurrentLayer<T>.All(_layers[k - 1].Output, _steps, batch, _model.Width);

    private int Predictions(int batch) => _model.Output == OutputMode.Every ? batch * _steps : batch;

    /// <summary>logits = h·W_headᵀ + b on the last step ([B, C]) or on every step ([B·T, C], example-major).</summary>
    private MatrixView<T> ReadOut(int batch)
    {
        var hidden = _model.Width;
        var top = _layers[^1];
        var rows = Predictions(batch);
        var readIn = new MatrixView<T>(_readIn, 0, rows, hidden);
        if (_model.Output == OutputMode.Every)
            for (var b = 0; b < batch; b++)
                for (var t = 0; t < _steps; t++)
                    RecurrentLayer<T>.At(top.Output, t, batch, hidden).Row(b).CopyTo(readIn.Row(b * _steps + t));
        else
            RecurrentLayer<T>.At(top.Output, _steps - 1, batch, hidden).Span.CopyTo(readIn.Span);
        var logits = new MatrixView<T>(_logits, 0, rows, _head.Outputs);
        _head.Forward(_mm, readIn, logits);
        return logits;
    }

    private void ScatterFromExampleMajor(MatrixView<T> source, T[] timeMajor, int batch)
    {
        var hidden = _model.Width;
        for (var b = 0; b < batch; b++)
            for (var t = 0; t < _steps; t++)
                source.Row(b * _steps + t).CopyTo(RecurrentLayer<T>.At(timeMajor, t, batch, hidden).Row(b));
    }

    /// <summary>[B, T·I] example-major (as data sets store it) to [T·B, I] time-major.</summary>
    private void ToTimeMajor(MatrixView<T> input, T[] destination, int batch)
    {
        for (var b = 0; b < batch; b++)
        {
            var row = input.Row(b);
            for (var t = 0; t < _steps; t++)
                row.Slice(t * _inputs, _inputs).CopyTo(destination.AsSpan((t * batch + b) * _inputs, _inputs));
        }
    }
}
