using GradientService.Core.Data;
using GradientService.Core.Layers;
using GradientService.Core.Losses;
using GradientService.Core.Models;
using GradientService.Core.Probes;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;
using GradientService.Core.Training.Methods;

namespace GradientService.Core.Training;

/// <summary>
/// A run in precision T: its parts (built here, once: a step allocates nothing) and the step loop, which has the
/// training method (<see cref="ITrainingMethod{T}"/>) take each step and evaluates on the held-out split when due.
/// </summary>
internal sealed partial class Trainer<T> : Trainer where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly RunSpec _spec;
    private readonly Dataset _data;
    private readonly MatrixProduct<T> _mm;
    private readonly INetwork<T> _net;
    private readonly TrainingRun<T> _run;
    private readonly ITrainingMethod<T> _method;
    private readonly Batch<T> _evalBatch;
    private readonly int[] _evalIndices;
    private readonly StepRecord _record;
    private int _stepsDone;

    /// <summary>A run as <see cref="Trainer.Create(RunSpec, int)"/> builds it; <paramref name="method"/> builds its training
    /// method from the run's parts (null: the spec's <see cref="TrainingSpec.Method"/>, or <see cref="PretrainingMethod{T}"/> when it
    /// pretrains; backprop over every parameter otherwise).</summary>
    public Trainer(RunSpec spec, Dataset data, Rng initRng, Rng samplerRng, int threads, Func<TrainingRun<T>, ITrainingMethod<T>>? method = null)
    {
        _spec = spec;
        _data = data;
        _mm = new MatrixProduct<T>(threads);
        var batchSize = Math.Min(spec.Training.BatchSize, data.Train.Count);
        var evalRows = Math.Min(EvaluationChunk, Math.Max(1, data.Test.Count));
        var capacity = Math.Max(batchSize, evalRows);
        _net = Architectures.Of(spec.Model).Build(spec.Model, spec.Training.Output, data, capacity, _mm);
        _net.Initialize(spec.Init, initRng);
        var targets = spec.Model is RecurrentSpec { Output: OutputMode.Every } ? data.TargetsPerExample : 1;
        _evalBatch = new Batch<T>(data, evalRows, targets);
        _evalIndices = Enumerable.Range(0, data.Test.Count).ToArray();
        var info = _net.Info;
        _record = new StepRecord(info.Layers.Count, info.RecurrentLayers, info.Gates, info.SequenceLength, info.OutputDepths);
        var loss = _net is FeedForwardNet<T> { Head: { } head } ? new HierarchicalSoftmaxLoss<T>(head) : Loss<T>.Create(spec.Training.Loss);
        _run = new TrainingRun<T>(spec, data, _mm, _net, loss,
            new BatchSampler(data.Train.Count, batchSize, samplerRng), new Batch<T>(data, batchSize, targets), _record);
        _method = method?.Invoke(_run) ?? spec.Training.Method switch
        {
            TrainingMethod.Genetic => new GeneticMethod<T>(_run),
            TrainingMethod.EvolutionStrategy => new EvolutionStrategyMethod<T>(_run),
            _ when spec.Pretraining.Kind != PretrainingKind.None => new PretrainingMethod<T>(_run),
            _ => new BackpropMethod<T>(_run, ParameterGroup<T>.All(_net.Parameters, info.Layers.Count)),
        };
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

    /// <summary>How the run steps (tests reach in).</summary>
    internal ITrainingMethod<T> Method => _method;

    /// <summary>Bytes the run's worker threads have allocated so far (a test hook).</summary>
    internal long WorkerAllocatedBytes => _mm.WorkerAllocatedBytes;

    public override TrainingResult Run(Action<StepRecord> onStep, CancellationToken cancel = default)
    {
        var total = _spec.Training.Steps;
        while (_stepsDone < total)
        {
            if (cancel.IsCancellationRequested) return new TrainingResult(RunOutcome.Cancelled, _stepsDone, null);
            var step = _stepsDone + 1;
            var divergence = _method.Step(step, ProbesEnabled);
            MarkUntrainedLayers();
            if (divergence is null && IsEvaluationStep(step)) Evaluate(_record);
            else ClearEvaluation(_record);
            _stepsDone++;
            if (typeof(T) == typeof(float)) _record.RoundLayersToSingle();
            onStep(_record);
            if (divergence is not null) return new TrainingResult(RunOutcome.Diverged, _stepsDone, divergence);
        }
        return new TrainingResult(RunOutcome.Completed, _stepsDone, null);
    }

    /// <summary>Layers the method computed no training gradients for this step record them as absent, never 0.</summary>
    private void MarkUntrainedLayers()
    {
        var trained = _method.LayersWithGradients;
        for (var l = 0; l < trained.Length; l++)
            if (!trained[l]) _record.Layers[l].MarkGradientsAbsent();
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
            lossSum += _run.Loss.Compute(logits, _evalBatch.Labels, _evalBatch.Targets, null) * logits.Rows;
            predictions += logits.Rows;
            if (_data.IsClassification) correct += _run.Loss.CountCorrect(logits, _evalBatch.Labels);
        }
        r.TestLoss = lossSum / predictions;
        r.TestAccuracy = _data.IsClassification ? (double)correct / predictions : double.NaN;
    }
}
