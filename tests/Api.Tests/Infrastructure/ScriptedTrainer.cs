using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using GradientService.Contracts.Metrics;
using GradientService.Core.Probes;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Api.Tests.Infrastructure;

/// <summary>
/// A stand-in engine: every number is a pure function of (seed, step, layer), so resumed runs repeat an uninterrupted
/// one bit for bit, spikes and divergence can be planted, and a run can be held at a step until the test releases it.
/// </summary>
public sealed class ScriptedTrainer : Trainer
{
    private readonly ScriptedTrainerFactory _script;
    private readonly StepRecord _record;
    private int _steps;

    public ScriptedTrainer(RunSpec spec, ScriptedTrainerFactory script)
    {
        Spec = spec;
        _script = script;
        var depth = (spec.Model as FeedForwardSpec)?.HiddenWidths().Length ?? spec.Model.Depth;
        var recurrent = spec.Model is RecurrentSpec;
        var layers = Enumerable.Range(1, depth + 1).Select(i => i <= depth
            ? new LayerInfo(i, recurrent ? $"rnn.l{i - 1}" : $"layers.{i - 1}", i == 1 ? 2 : spec.Model.Width, spec.Model.Width, recurrent ? "rnn" : "dense")
            : new LayerInfo(i, "head", spec.Model.Width, 2, "readout")).ToList();
        var sequence = recurrent ? spec.Data.SequenceLength : 1;
        Model = new ModelInfo(layers, layers.Sum(l => (long)l.Inputs * l.Outputs + l.Outputs), recurrent ? depth : 0, 1, sequence);
        _record = new StepRecord(layers.Count, Model.RecurrentLayers, 1, sequence);
    }

    public override RunSpec Spec { get; }

    public override ModelInfo Model { get; }

    public override int StepsDone => _steps;

    public override TrainingResult Run(Action<StepRecord> onStep, CancellationToken cancel = default)
    {
        while (_steps < Spec.Training.Steps)
        {
            if (cancel.IsCancellationRequested) return new TrainingResult(RunOutcome.Cancelled, _steps, null);
            var step = _steps + 1;
            if (_script.GateAt(step) is { } gate && !gate.Wait(cancel)) return new TrainingResult(RunOutcome.Cancelled, _steps, null);
            Fill(step);
            _steps = step;
            onStep(_record);
            if (_script.DivergeAt == step) return new TrainingResult(RunOutcome.Diverged, step, new Divergence(step, 1, "loss is NaN"));
        }
        return new TrainingResult(RunOutcome.Completed, _steps, null);
    }

    private void Fill(int step)
    {
        var seed = Spec.Training.Seed;
        var r = _record;
        r.Step = step;
        r.Loss = _script.DivergeAt == step ? double.NaN : 1.0 / (1 + 0.01 * step) + 0.01 * Noise(seed, step, 0);
        r.TrainAccuracy = 0.5 + 0.4 * step / Spec.Training.Steps;
        var evaluated = Spec.Training.EvalEvery > 0 && (step % Spec.Training.EvalEvery == 0 || step == Spec.Training.Steps);
        r.TestLoss = evaluated ? r.Loss * 1.1 : double.NaN;
        r.TestAccuracy = evaluated ? r.TrainAccuracy - 0.05 : double.NaN;
        r.LearningRate = Spec.Optimizer.LearningRate;
        var norm = 1 + Noise(seed, step, 1);
        if (_script.SpikeAt == step) norm = _script.SpikeValue;
        r.GradNormBefore = norm;
        var clip = Spec.Clipping.Mode == ClippingMode.GlobalNorm && norm > Spec.Clipping.Threshold;
        r.ClipScale = clip ? Spec.Clipping.Threshold / norm : 1;
        r.GradNormAfter = norm * r.ClipScale;
        for (var l = 0; l < r.Layers.Length; l++)
        {
            var decay = Math.Pow(0.25, r.Layers.Length - 1 - l); // sigmoid-like vanishing toward the input
            ref var s = ref r.Layers[l];
            s.WeightGradNorm = _script.SpikeAt == step && l == 0 ? _script.SpikeValue : decay * (1 + 0.1 * Noise(seed, step, 10 + l));
            s.BiasGradNorm = s.WeightGradNorm / 2;
            s.PreactivationGradNorm = s.WeightGradNorm * 3;
            s.WeightNorm = 5 + l;
            s.UpdateRatio = 1e-3 * decay;
            s.ActivationMean = 0.5;
            s.ActivationStd = 0.1;
            s.SaturationFraction = 0.1 * l;
            s.DeadFraction = 0;
            s.NonFiniteGradCount = _script.DivergeAt == step && l == 0 ? 4 : 0;
        }
        if (_script.GradientFreeEvery > 0 && step % _script.GradientFreeEvery == 0) MarkGradientsAbsent(r);
        r.HasTimeLag = r.Recurrent.Length > 0 && Spec.Training.TimeLagEvery > 0 && step % Spec.Training.TimeLagEvery == 0;
        foreach (var rec in r.Recurrent)
        {
            rec.SigmaMax = 1.2;
            rec.BoundFactor = 1.2;
            rec.InputGateGradNorms[0] = 0.1;
            rec.RecurrentGateGradNorms[0] = 0.2;
            for (var t = 0; t < rec.TimeLag.Length; t++) rec.TimeLag[t] = Math.Pow(0.9, rec.TimeLag.Length - 1 - t) * (1 + 0.01 * step);
        }
    }

    private static void MarkGradientsAbsent(StepRecord r)
    {
        r.MarkAbsent(StepMetric.GradNormBefore);
        r.MarkAbsent(StepMetric.GradNormAfter);
        for (var l = 0; l < r.Layers.Length; l++)
        {
            foreach (var metric in GradientMetrics) r.Layers[l].MarkAbsent(metric);
        }
    }

    private static readonly LayerMetric[] GradientMetrics =
        [LayerMetric.WeightGradNorm, LayerMetric.BiasGradNorm, LayerMetric.DeltaNorm, LayerMetric.UpdateRatio, LayerMetric.NonFiniteCount];

    /// <summary>A deterministic value in [−1, 1) from (seed, step, slot).</summary>
    private static double Noise(ulong seed, int step, int slot) =>
        new Rng(seed * 1_000_003UL + (ulong)step * 7919UL + (ulong)slot).NextDouble() * 2 - 1;

    public override void SaveCheckpoint(Stream destination) => JsonSerializer.Serialize(destination, new Checkpoint(_steps, Spec.Training.Seed));

    public override void LoadCheckpoint(Stream source)
    {
        var checkpoint = JsonSerializer.Deserialize<Checkpoint>(source) ?? throw new InvalidDataException("Empty checkpoint.");
        _steps = checkpoint.Step;
    }

    /// <summary>Real safetensors: an 8-byte little-endian header length, the JSON header, then float32 data.</summary>
    public override void ExportWeights(Stream destination)
    {
        var header = new Dictionary<string, object>();
        var data = new MemoryStream();
        foreach (var layer in Model.Layers)
        {
            foreach (var (suffix, shape) in new[] { ("weight", new[] { layer.Outputs, layer.Inputs }), ("bias", new[] { layer.Outputs }) })
            {
                var count = shape.Aggregate(1, (a, b) => a * b);
                var start = data.Length;
                var buffer = new byte[4];
                for (var i = 0; i < count; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(buffer, (float)(_steps + 0.001 * i));
                    data.Write(buffer);
                }
                header[$"{layer.Name}.{suffix}"] = new { dtype = "F32", shape, data_offsets = new[] { start, data.Length } };
            }
        }
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        var length = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)json.Length);
        destination.Write(length);
        destination.Write(json);
        data.Position = 0;
        data.CopyTo(destination);
    }

    public override void ImportWeights(Stream source) => throw new NotSupportedException();

    private sealed record Checkpoint(int Step, ulong Seed);
}
