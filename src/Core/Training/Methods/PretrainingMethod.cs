using System.Globalization;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Core.Activations;
using GradientService.Core.Detection;
using GradientService.Core.Export;
using GradientService.Core.Layers;
using GradientService.Core.Losses;
using GradientService.Core.Optimizers;
using GradientService.Core.Probes;
using GradientService.Core.Tensors;
using GradientService.Core.Training.Methods.Pretraining;

namespace GradientService.Core.Training.Methods;

/// <summary>
/// Greedy layer-wise pretraining, then fine-tuning (<see cref="PretrainingSpec"/>). Phase l = 1 … D (hidden layers) takes
/// steps (l−1)·S + 1 … l·S: the net's forward pass gives the codes, hidden layer l alone is trained on its unsupervised
/// objective (<see cref="AutoencoderPretrainer{T}"/> or <see cref="RbmPretrainer{T}"/>) by its own optimizer (the
/// pretraining's kind and η), the layers below and above frozen. Phase 0, from step D·S + 1, is a <see cref="BackpropMethod{T}"/>
/// over every parameter, its schedule counted from the fine-tuning's first step. A pretraining step records the net's
/// supervised loss and accuracy on its batch (measured, not trained), <see cref="StepMetric.Phase"/>, the layer's
/// reconstruction error, its gradient norms, ‖δ‖ and saturation (an rbm's CD estimate has no δ: absent), and ‖W‖ of every
/// layer; the other layers' gradient fields, ‖δ‖ and saturation are absent.
/// </summary>
internal sealed class PretrainingMethod<T> : ITrainingMethod<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Prefix = "pretraining.", PhaseKey = "pretraining.phase", RngKey = "pretraining.rng";

    private readonly TrainingRun<T> _run;
    private readonly FeedForwardNet<T> _net;
    private readonly PretrainingSpec _spec;
    private readonly int _depth, _pretrainingSteps;
    private readonly LayerPretrainer<T>[] _layers;
    private readonly bool[][] _trained;
    private readonly BackpropMethod<T> _fineTune;
    private readonly Rng _rng;

    /// <summary>Per parameter of the net: Σg², Σ(ΔW)² and ΣW² (the layer being pretrained; a frozen one: 0 and its ΣW²).</summary>
    private readonly double[] _gradSquares, _deltaSquares, _valueSquares;

    /// <summary>The same for a phase's parameters, in its optimizer's order; and each one's index in the net (−1: the decoder's).</summary>
    private readonly double[] _phaseDelta, _phaseValue;
    private readonly int[][] _netIndex;

    private int _phase;

    public PretrainingMethod(TrainingRun<T> run)
    {
        _run = run;
        _net = (FeedForwardNet<T>)run.Net; // the validator allows pretraining for mlp only
        var spec = run.Spec;
        _spec = spec.Pretraining;
        _depth = PretrainingSpec.DepthOf(spec.Model);
        _pretrainingSteps = _spec.Steps(_depth);
        _rng = GeneratorOf(spec);
        var optimizer = spec.Optimizer with { Kind = _spec.Optimizer, LearningRate = _spec.LearningRate, Schedule = ScheduleKind.None };
        var encoder = new Activation<T>(spec.Model.Activation, spec.Model.LeakyReluSlope, spec.Model.EluAlpha);
        var capacity = run.Batch.Capacity;
        _layers = new LayerPretrainer<T>[_depth];
        for (var k = 0; k < _depth; k++)
        {
            var layer = _net.Layer(k);
            var decoder = LayerPretrainer<T>.DecoderKind(_spec, spec.Model, k);
            _layers[k] = _spec.Kind == PretrainingKind.Rbm
                ? new RbmPretrainer<T>(layer, k, _spec.CdSteps, _rng, decoder, capacity, optimizer)
                : AutoencoderPretrainer<T>.Create(layer, k, _spec.TiedWeights, encoder, decoder, capacity, optimizer);
        }
        var layers = _net.Info.Layers.Count;
        _trained = [.. Enumerable.Range(0, _depth).Select(k => Enumerable.Range(0, layers).Select(l => l == k).ToArray())];
        _fineTune = new BackpropMethod<T>(run, ParameterGroup<T>.All(_net.Parameters, layers));
        var count = _net.Parameters.Count;
        (_gradSquares, _deltaSquares, _valueSquares) = (new double[count], new double[count], new double[count]);
        var most = _layers.Length == 0 ? 0 : _layers.Max(p => p.Parameters.Count);
        (_phaseDelta, _phaseValue) = (new double[most], new double[most]);
        _netIndex = [.. _layers.Select(p => p.Parameters.Select(q => IndexIn(_net.Parameters, q)).ToArray())];
    }

    /// <summary>The phase of the last step: the 1-based layer pretrained, or 0 while fine-tuning (and before the first step).</summary>
    public int Phase => _phase;

    /// <summary>The pretraining of each hidden layer (tests reach in).</summary>
    public IReadOnlyList<LayerPretrainer<T>> Layers => _layers;

    public ReadOnlySpan<bool> LayersWithGradients => _phase > 0 ? _trained[_phase - 1] : _fineTune.LayersWithGradients;

    public Divergence? Step(int step, bool probes)
    {
        _phase = _spec.PhaseAt(step, _depth);
        var r = _run.Record;
        r[StepMetric.Phase] = _phase;
        for (var l = 0; l < r.Layers.Length; l++)
            if (l != _phase - 1) r.Layers[l].MarkAbsent(LayerMetric.ReconstructionError);
        if (_phase > 0) return Pretrain(step, _layers[_phase - 1], probes);
        var total = _run.Spec.Training.Steps - _pretrainingSteps;
        return _fineTune.Step(step, LearningRateSchedule.At(_run.Spec.Optimizer, step - _pretrainingSteps, total), probes);
    }

    private Divergence? Pretrain(int step, LayerPretrainer<T> layer, bool probes)
    {
        var (r, mm) = (_run.Record, _run.Mm);
        r.Step = step;
        r.LearningRate = _spec.LearningRate;
        _run.LoadNextBatch();
        var batch = _run.Batch;
        var input = batch.Inputs;
        var logits = _net.Forward(input, true, probes ? r : null);
        r.Loss = _run.Loss.Compute(logits, batch.Labels, batch.Targets, null);
        r.TrainAccuracy = _run.TrainAccuracy(logits, batch.Labels);

        var k = layer.Index;
        var mse = layer.Gradients(mm, k == 0 ? input : _net.Layer(k - 1).H(input.Rows));
        ProbeLayers(r.Layers, layer, mse);

        var trained = layer.Parameters;
        var netIndex = _netIndex[k];
        var total = 0.0;
        for (var j = 0; j < trained.Count; j++)
        {
            var squares = GradientSquares<T>.Of(trained[j]);
            total += squares;
            if (netIndex[j] >= 0) _gradSquares[netIndex[j]] = squares;
        }
        _run.Layers[k].ProbeGradients(ref r.Layers[k], _gradSquares, _net.Parameters);
        r.GradNormBefore = r.GradNormAfter = Math.Sqrt(total);
        r.ClipScale = 1;
        if (!double.IsFinite(mse)) return new Divergence(step, k + 1, $"the reconstruction error of layer {k + 1} is {mse}");
        if (DivergenceDetector.Find(r) is { } divergence) return divergence;

        layer.Optimizer.Step(_spec.LearningRate, _phaseDelta, _phaseValue, mm);
        var parameters = _net.Parameters;
        for (var i = 0; i < parameters.Count; i++)
            (_deltaSquares[i], _valueSquares[i]) = parameters[i].Group == k ? (0, 0) : (0, Reductions.SumOfSquares<T>(parameters[i].Value));
        for (var j = 0; j < trained.Count; j++)
            if (netIndex[j] >= 0) (_deltaSquares[netIndex[j]], _valueSquares[netIndex[j]]) = (_phaseDelta[j], _phaseValue[j]);
        for (var l = 0; l < r.Layers.Length; l++) _run.Layers[l].ProbeUpdate(ref r.Layers[l], _deltaSquares, _valueSquares);
        return null;
    }

    /// <summary>The pretrained layer's reconstruction error, ‖δ‖ and saturation; the backward probes of the others absent (no backward pass reached them).</summary>
    private static void ProbeLayers(LayerStats[] stats, LayerPretrainer<T> layer, double mse)
    {
        for (var l = 0; l < stats.Length; l++)
        {
            if (l == layer.Index) continue;
            stats[l].MarkAbsent(LayerMetric.DeltaNorm);
            if (l < stats.Length - 1) stats[l].MarkAbsent(LayerMetric.Saturation);
        }
        ref var own = ref stats[layer.Index];
        own.ReconstructionError = mse;
        Set(ref own, LayerMetric.DeltaNorm, layer.DeltaNorm);
        Set(ref own, LayerMetric.Saturation, layer.Saturation);
    }

    private static void Set(ref LayerStats stats, LayerMetric metric, double value)
    {
        if (double.IsNaN(value)) stats.MarkAbsent(metric);
        else stats[metric] = value;
    }

    public void SaveState(List<SafeTensor> tensors, Dictionary<string, string> metadata)
    {
        _fineTune.SaveState(tensors, metadata);
        foreach (var layer in _layers)
        {
            foreach (var p in layer.Decoder) tensors.Add(SafeTensor.Of<T>(p.Name, p.Value, p.Shape));
            foreach (var (name, data) in layer.Optimizer.StateTensors) tensors.Add(SafeTensor.Of<T>(Prefix + name, data, data.Length));
            metadata[OptimizerStepKey(layer)] = layer.Optimizer.StepCount.ToString(CultureInfo.InvariantCulture);
        }
        metadata[PhaseKey] = _phase.ToString(CultureInfo.InvariantCulture);
        metadata[RngKey] = string.Join(',', _rng.State.Select(w => w.ToString(CultureInfo.InvariantCulture)));
    }

    public void LoadState(SafeTensorsFile file)
    {
        _fineTune.LoadState(file);
        foreach (var layer in _layers)
        {
            foreach (var p in layer.Decoder) file.ReadInto<T>(p.Name, p.Value);
            foreach (var (name, data) in layer.Optimizer.StateTensors) file.ReadInto<T>(Prefix + name, data);
            layer.Optimizer.StepCount = int.Parse(file.Metadata[OptimizerStepKey(layer)], CultureInfo.InvariantCulture);
        }
        _phase = int.Parse(file.Metadata[PhaseKey], CultureInfo.InvariantCulture);
        _rng.State = [.. file.Metadata[RngKey].Split(',').Select(w => ulong.Parse(w, CultureInfo.InvariantCulture))];
    }

    private static string OptimizerStepKey(LayerPretrainer<T> layer) => $"{Prefix}layers.{layer.Index}.optimizer.step";

    /// <summary>The rbm's sampling stream: the fourth fork of the spec's seed (after the data's, the init's and the sampler's, <see cref="Trainer.Create(RunSpec, int)"/>).</summary>
    private static Rng GeneratorOf(RunSpec spec)
    {
        var master = new Rng(spec.Training.Seed);
        for (var i = 0; i < 3; i++) master.Fork();
        return master.Fork();
    }

    private static int IndexIn(IReadOnlyList<Parameter<T>> parameters, Parameter<T> p)
    {
        for (var i = 0; i < parameters.Count; i++) if (ReferenceEquals(parameters[i], p)) return i;
        return -1;
    }
}
