using GradientService.Core.Clipping;
using GradientService.Core.Data;
using GradientService.Core.Layers;
using GradientService.Core.Losses;
using GradientService.Core.Models;
using GradientService.Core.Optimizers;
using GradientService.Core.Probes;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;

namespace GradientService.Core.Training;

/// <summary>
/// The step loop in precision T: sample a batch, forward, loss, backward (every probe), clip, update, evaluate.
/// Every buffer is allocated here, once; a step allocates nothing.
/// </summary>
internal sealed partial class Trainer<T> : Trainer where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly RunSpec _spec;
    private readonly Dataset _data;
    private readonly MatrixProduct<T> _mm;
    private readonly INetwork<T> _net;
    private readonly Loss<T> _loss;
    private readonly Optimizer<T> _optimizer;
    private readonly GradientClipping<T> _clipping;
    private readonly BatchSampler _sampler;
    private readonly Batch<T> _batch;
    private readonly Batch<T> _evalBatch;
    private readonly int[] _evalIndices;
    private readonly StepRecord _record;
    private readonly LayerParameters[] _layers;
    private readonly double[] _gradSquares;
    private readonly double[] _deltaSquares;
    private readonly double[] _valueSquares;
    private int _stepsDone;

    public Trainer(RunSpec spec, Dataset data, Rng initRng, Rng samplerRng, int threads)
    {
        _spec = spec;
        _data = data;
        _mm = new MatrixProduct<T>(threads);
        var batchSize = Math.Min(spec.Training.BatchSize, data.Train.Count);
        var evalRows = Math.Min(EvaluationChunk, Math.Max(1, data.Test.Count));
        var capacity = Math.Max(batchSize, evalRows);
        _net = Architectures.Of(spec.Model).Build(spec.Model, data, capacity, _mm);
        _net.Initialize(spec.Init, initRng);
        _loss = Loss<T>.Create(spec.Training.Loss);
        _optimizer = Optimizer<T>.Create(spec.Optimizer, _net.Parameters);
        _clipping = new GradientClipping<T>(spec.Clipping, _net.Parameters);
        _sampler = new BatchSampler(data.Train.Count, batchSize, samplerRng);
        var targets = spec.Model is RecurrentSpec { Output: OutputMode.Every } ? data.TargetsPerExample : 1;
        _batch = new Batch<T>(data, batchSize, targets);
        _evalBatch = new Batch<T>(data, evalRows, targets);
        _evalIndices = Enumerable.Range(0, data.Test.Count).ToArray();
        var info = _net.Info;
        _record = new StepRecord(info.Layers.Count, info.RecurrentLayers, info.Gates, info.SequenceLength);
        _layers = LayerParameters.Group(_net.Parameters, info.Layers.Count);
        _gradSquares = new double[_net.Parameters.Count];
        _deltaSquares = new double[_net.Parameters.Count];
        _valueSquares = new double[_net.Parameters.Count];
    }

    public override RunSpec Spec => _spec;
    public override ModelInfo Model => _net.Info;
    public override int StepsDone => _stepsDone;

    protected override void Dispose(bool disposing)
    {
        if (disposing) _mm.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>The model (tests and the benchmark reach in).</summary>
    internal INetwork<T> Network => _net;

    /// <summary>Bytes the run's worker threads have allocated so far (a test hook).</summary>
    internal long WorkerAllocatedBytes => _mm.WorkerAllocatedBytes;

    public override TrainingResult Run(Action<StepRecord> onStep, CancellationToken cancel = default)
    {
        var total = _spec.Training.Steps;
        while (_stepsDone < total)
        {
            if (cancel.IsCancellationRequested) return new TrainingResult(RunOutcome.Cancelled, _stepsDone, null);
            var divergence = TakeStep(_stepsDone + 1);
            _stepsDone++;
            onStep(_record);
            if (divergence is not null) return new TrainingResult(RunOutcome.Diverged, _stepsDone, divergence);
        }
        return new TrainingResult(RunOutcome.Completed, _stepsDone, null);
    }

    /// <summary>One full step; returns where the run diverged, or null. A diverged step applies no update.</summary>
    private Divergence? TakeStep(int step)
    {
        var r = _record;
        r.Step = step;
        r.LearningRate = LearningRateSchedule.At(_spec.Optimizer, step, _spec.Training.Steps);
        _batch.Load(_data.Train, _sampler.Next());
        var input = _batch.Inputs;
        var probes = ProbesEnabled ? r : null;
        r.HasTimeLag = ProbesEnabled && r.Recurrent.Length > 0 && _spec.Training.TimeLagEvery > 0 && step % _spec.Training.TimeLagEvery == 0;
        var logits = _net.Forward(input, true, probes);
        r.Loss = _loss.Compute(logits, _batch.Labels, _batch.Targets, _net.LogitsGradient(input.Rows));
        r.TrainAccuracy = _data.IsClassification ? (double)Loss<T>.CountCorrect(logits, _batch.Labels) / logits.Rows : double.NaN;
        var bare = !ProbesEnabled && _spec.Clipping.Mode == ClippingMode.None;
        _net.Backward(input, probes, bare ? null : _gradSquares);

        var parameters = _net.Parameters;
        if (bare)
        {
            // Bare step: no gradient norms; a non-finite loss still ends the run.
            if (!double.IsFinite(r.Loss)) return new Divergence(step, _layers.Length, $"loss is {r.Loss}");
            _optimizer.Step(r.LearningRate, _deltaSquares, _valueSquares, _mm);
            ClearEvaluation(r);
            return null;
        }
        var total = 0.0;
        for (var p = 0; p < parameters.Count; p++) total += _gradSquares[p];
        for (var l = 0; l < _layers.Length; l++) _layers[l].ProbeGradients(ref r.Layers[l], _gradSquares, parameters);
        r.GradNormBefore = Math.Sqrt(total);

        var divergence = FindDivergence(step);
        if (divergence is not null)
        {
            r.GradNormAfter = r.GradNormBefore;
            r.ClipScale = 1;
            ClearEvaluation(r);
            return divergence;
        }

        var clip = _clipping.Apply(_gradSquares);
        r.GradNormAfter = clip.NormAfter;
        r.ClipScale = clip.Scale;
        _optimizer.Step(r.LearningRate, _deltaSquares, _valueSquares, _mm);
        for (var l = 0; l < _layers.Length; l++) _layers[l].ProbeUpdate(ref r.Layers[l], _deltaSquares, _valueSquares);

        if (IsEvaluationStep(step)) Evaluate(r);
        else ClearEvaluation(r);
        return null;
    }

    private bool IsEvaluationStep(int step)
    {
        var every = _spec.Training.EvalEvery;
        return every > 0 && _data.Test.Count > 0 && (step % every == 0 || step == _spec.Training.Steps);
    }

    private static void ClearEvaluation(StepRecord r)
    {
        r.TestLoss = double.NaN;
        r.TestAccuracy = double.NaN;
    }

    /// <summary>Loss and accuracy over the whole held-out split, in evaluation mode (batch-norm's running statistics).</summary>
    private void Evaluate(StepRecord r)
    {
        double lossSum = 0;
        long correct = 0, predictions = 0;
        var test = _data.Test;
        for (var start = 0; start < test.Count; start += _evalBatch.Capacity)
        {
            var count = Math.Min(_evalBatch.Capacity, test.Count - start);
            _evalBatch.Load(test, _evalIndices.AsSpan(start, count));
            var logits = _net.Forward(_evalBatch.Inputs, false, null);
            lossSum += _loss.Compute(logits, _evalBatch.Labels, _evalBatch.Targets, null) * logits.Rows;
            predictions += logits.Rows;
            if (_data.IsClassification) correct += Loss<T>.CountCorrect(logits, _evalBatch.Labels);
        }
        r.TestLoss = lossSum / predictions;
        r.TestAccuracy = _data.IsClassification ? (double)correct / predictions : double.NaN;
    }

    /// <summary>
    /// A non-finite loss points at the first layer (from the input) whose activations went non-finite; a non-finite
    /// gradient with a finite loss at the layer nearest the output whose δ or gradient is non-finite (where backprop broke).
    /// </summary>
    private Divergence? FindDivergence(int step)
    {
        var layers = _record.Layers;
        if (!double.IsFinite(_record.Loss))
        {
            for (var l = 0; l < layers.Length; l++)
                if (!double.IsFinite(layers[l].ActivationMean) || !double.IsFinite(layers[l].ActivationStd))
                    return new Divergence(step, l + 1, $"loss is {_record.Loss}; activations of layer {l + 1} are not finite");
            return new Divergence(step, layers.Length, $"loss is {_record.Loss}");
        }
        if (double.IsFinite(_record.GradNormBefore)) return null;
        for (var l = layers.Length - 1; l >= 0; l--)
            if (layers[l].NonFiniteGradCount > 0 || !double.IsFinite(layers[l].PreactivationGradNorm))
                return new Divergence(step, l + 1, $"{layers[l].NonFiniteGradCount} gradient entries of layer {l + 1} are not finite");
        return new Divergence(step, layers.Length, "the gradient norm is not finite");
    }
}
