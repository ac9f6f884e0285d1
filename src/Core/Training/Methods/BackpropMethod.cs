using System.Globalization;
using GradientService.Core.Clipping;
using GradientService.Core.Detection;
using GradientService.Core.Export;
using GradientService.Core.Losses;
using GradientService.Core.Optimizers;
using GradientService.Core.Probes;
using GradientService.Contracts.Spec;
using GradientService.Core.Tensors;

namespace GradientService.Core.Training.Methods;

/// <summary>
/// Gradient descent by back-propagation over a <see cref="ParameterGroup{T}"/>: forward (forward probes), loss,
/// backward (backward probes, per-parameter Σg²), gradient norms and the divergence check, clipping, the optimizer's
/// update (‖W‖ and the update ratio). The optimizer and the clipping see only the group.
/// </summary>
internal sealed class BackpropMethod<T> : ITrainingMethod<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string OptimizerStepKey = "optimizer.step";

    private readonly TrainingRun<T> _run;
    private readonly ParameterGroup<T> _group;
    private readonly Optimizer<T> _optimizer;
    private readonly GradientClipping<T> _clipping;
    private readonly StepRecord _record;
    private readonly LayerParameters[] _layers;
    private readonly L2Penalty<T>? _penalty;

    /// <summary>Per parameter of the net: Σg², and the update's Σ(ΔW)² and ΣW² (a frozen one: 0 and its ΣW²).</summary>
    private readonly double[] _gradSquares, _deltaSquares, _valueSquares;

    /// <summary>The same for the group's parameters, in its order (the net's own arrays when the group is all of them).</summary>
    private readonly double[] _groupGradSquares, _groupDeltaSquares, _groupValueSquares;

    /// <summary>Indices in the net's parameters of those outside the group (frozen).</summary>
    private readonly int[] _frozen;

    public BackpropMethod(TrainingRun<T> run, ParameterGroup<T> group)
    {
        _run = run;
        _group = group;
        _optimizer = Optimizer<T>.Create(run.Spec.Optimizer, group.Parameters);
        _clipping = new GradientClipping<T>(run.Spec.Clipping, group.Parameters);
        _record = run.Record;
        _layers = run.Layers;
        _penalty = run.Spec.Training.L2 > 0 ? new L2Penalty<T>(run.Spec.Training.L2, run.Data.Train.Count, run.Net.Parameters) : null;
        var count = run.Net.Parameters.Count;
        (_gradSquares, _deltaSquares, _valueSquares) = (new double[count], new double[count], new double[count]);
        var whole = group.Parameters.Count == count;
        _groupGradSquares = whole ? _gradSquares : new double[group.Parameters.Count];
        _groupDeltaSquares = whole ? _deltaSquares : new double[group.Parameters.Count];
        _groupValueSquares = whole ? _valueSquares : new double[group.Parameters.Count];
        _frozen = [.. Enumerable.Range(0, count).Except(group.Indices)];
    }

    /// <summary>The optimizer over the group (its state is this method's checkpoint state).</summary>
    public Optimizer<T> Optimizer => _optimizer;

    public ReadOnlySpan<bool> LayersWithGradients => _group.TrainedLayers;

    /// <summary>A step with η from the spec's schedule.</summary>
    public Divergence? Step(int step, bool probes) =>
        Step(step, LearningRateSchedule.At(_run.Spec.Optimizer, step, _run.Spec.Training.Steps), probes);

    /// <summary>A step with step size <paramref name="learningRate"/> (a warm-up sets its own).</summary>
    public Divergence? Step(int step, double learningRate, bool probes)
    {
        var (r, net, mm) = (_record, _run.Net, _run.Mm);
        r.Step = step;
        r.LearningRate = learningRate;
        _run.LoadNextBatch();
        var batch = _run.Batch;
        var input = batch.Inputs;
        var training = _run.Spec.Training;
        r.HasTimeLag = probes && r.Recurrent.Length > 0 && training.TimeLagEvery > 0 && step % training.TimeLagEvery == 0;
        var logits = net.Forward(input, true, probes ? r : null);
        r.Loss = _run.Loss.Compute(logits, batch.Labels, batch.Targets, net.LogitsGradient(input.Rows));
        r.TrainAccuracy = _run.TrainAccuracy(logits, batch.Labels);
        var bare = !probes && _run.Spec.Clipping.Mode == ClippingMode.None;
        net.Backward(input, probes ? r : null, bare ? null : _gradSquares);
        if (_penalty is not null) r.Loss += _penalty.Apply(bare ? null : _gradSquares);

        if (bare)
        {
            // Bare step: no gradient norms; a non-finite loss still ends the run.
            if (!double.IsFinite(r.Loss)) return new Divergence(step, _layers.Length, $"loss is {r.Loss}");
            _optimizer.Step(learningRate, _groupDeltaSquares, _groupValueSquares, mm);
            return null;
        }
        var indices = _group.Indices;
        var total = 0.0;
        for (var k = 0; k < indices.Length; k++) total += _groupGradSquares[k] = _gradSquares[indices[k]];
        for (var l = 0; l < _layers.Length; l++) _layers[l].ProbeGradients(ref r.Layers[l], _gradSquares, net.Parameters);
        r.GradNormBefore = Math.Sqrt(total);

        var divergence = DivergenceDetector.Find(r);
        if (divergence is not null)
        {
            r.GradNormAfter = r.GradNormBefore;
            r.ClipScale = 1;
            return divergence;
        }

        var clip = _clipping.Apply(_groupGradSquares);
        r.GradNormAfter = clip.NormAfter;
        r.ClipScale = clip.Scale;
        _optimizer.Step(learningRate, _groupDeltaSquares, _groupValueSquares, mm);
        ScatterUpdateSquares();
        for (var l = 0; l < _layers.Length; l++) _layers[l].ProbeUpdate(ref r.Layers[l], _deltaSquares, _valueSquares);
        return null;
    }

    public void SaveState(List<SafeTensor> tensors, Dictionary<string, string> metadata)
    {
        foreach (var (name, data) in _optimizer.StateTensors) tensors.Add(SafeTensor.Of<T>(name, data, data.Length));
        metadata[OptimizerStepKey] = _optimizer.StepCount.ToString(CultureInfo.InvariantCulture);
    }

    public void LoadState(SafeTensorsFile file)
    {
        foreach (var (name, data) in _optimizer.StateTensors) file.ReadInto<T>(name, data);
        _optimizer.StepCount = int.Parse(file.Metadata[OptimizerStepKey], CultureInfo.InvariantCulture);
    }

    /// <summary>The group's update sums into the net's order; a frozen parameter did not move (Σ(ΔW)² = 0).</summary>
    private void ScatterUpdateSquares()
    {
        if (ReferenceEquals(_groupDeltaSquares, _deltaSquares)) return;
        var parameters = _run.Net.Parameters;
        foreach (var i in _frozen) (_deltaSquares[i], _valueSquares[i]) = (0, Reductions.SumOfSquares<T>(parameters[i].Value));
        var indices = _group.Indices;
        for (var k = 0; k < indices.Length; k++) (_deltaSquares[indices[k]], _valueSquares[indices[k]]) = (_groupDeltaSquares[k], _groupValueSquares[k]);
    }
}
