using GradientService.Contracts.Metrics;
using GradientService.Core.Losses;
using GradientService.Core.Tensors;

namespace GradientService.Core.Training.Methods;

/// <summary>
/// The end of a gradient-free generation: writes the chosen weights (the best member, or the updated mean) into the net
/// and records the step as backprop would for that net: one forward pass on the step's batch for the loss, accuracy and
/// forward probes, ‖W‖, and the population's loss, diversity and evaluations. On a probe generation
/// (<see cref="Contracts.Spec.SearchSpec.IsProbeStep"/>) one backward pass measures the net's backprop gradients, which
/// nothing trains on; on the others the gradient fields are absent, never 0.
/// </summary>
internal sealed class GenerationRecorder<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TrainingRun<T> _run;
    private readonly double[] _gradSquares, _deltaSquares, _valueSquares;
    private readonly bool[] _allLayers, _noLayers;
    private bool _probed;

    public GenerationRecorder(TrainingRun<T> run)
    {
        _run = run;
        var count = run.Net.Parameters.Count;
        (_gradSquares, _deltaSquares, _valueSquares) = (new double[count], new double[count], new double[count]);
        _allLayers = [.. Enumerable.Repeat(true, run.Layers.Length)];
        _noLayers = new bool[run.Layers.Length];
    }

    /// <summary>Every layer after a probe generation, none after the others.</summary>
    public ReadOnlySpan<bool> LayersWithGradients => _probed ? _allLayers : _noLayers;

    /// <summary>
    /// Writes <paramref name="weights"/> into the net and fills the record of generation <paramref name="step"/>; returns
    /// the divergence when the net's loss is not finite (every member diverged, or the mean did).
    /// </summary>
    public Divergence? Record(int step, ReadOnlySpan<T> weights, double populationLoss, double diversity, long evaluations, bool probes)
    {
        var (r, net, batch, layers) = (_run.Record, _run.Net, _run.Batch, _run.Layers);
        r.Step = step;
        Write(weights);
        var training = _run.Spec.Training;
        _probed = probes && _run.Spec.Search.IsProbeStep(step, training.Steps);
        r.HasTimeLag = _probed && r.Recurrent.Length > 0 && training.TimeLagEvery > 0 && step % training.TimeLagEvery == 0;
        var input = batch.Inputs;
        var logits = net.Forward(input, true, probes ? r : null);
        r.Loss = _run.Loss.Compute(logits, batch.Labels, batch.Targets, _probed ? net.LogitsGradient(input.Rows) : null);
        r.TrainAccuracy = _run.TrainAccuracy(logits, batch.Labels);
        r[StepMetric.PopulationLoss] = populationLoss;
        r[StepMetric.PopulationDiversity] = diversity;
        r[StepMetric.Evaluations] = evaluations;
        r.MarkAbsent(StepMetric.ClipScale);
        if (_probed)
        {
            net.Backward(input, r, _gradSquares);
            var total = 0.0;
            for (var i = 0; i < _gradSquares.Length; i++) total += _gradSquares[i];
            for (var l = 0; l < layers.Length; l++) layers[l].ProbeGradients(ref r.Layers[l], _gradSquares, net.Parameters);
            r.GradNormBefore = r.GradNormAfter = Math.Sqrt(total);
        }
        else
        {
            r.MarkAbsent(StepMetric.GradNormBefore);
            r.MarkAbsent(StepMetric.GradNormAfter);
            for (var l = 0; l < layers.Length; l++) r.Layers[l].MarkAbsent(LayerMetric.DeltaNorm);
        }
        if (probes)
            for (var l = 0; l < layers.Length; l++) layers[l].ProbeUpdate(ref r.Layers[l], _deltaSquares, _valueSquares);
        return double.IsFinite(r.Loss) ? null : new Divergence(step, layers.Length, $"loss is {r.Loss}");
    }

    /// <summary>Copies the weights into the net, keeping per parameter Σ(ΔW)² and ΣW² of the new weights for the update probe.</summary>
    private void Write(ReadOnlySpan<T> weights)
    {
        var parameters = _run.Net.Parameters;
        var offset = 0;
        for (var i = 0; i < parameters.Count; i++)
        {
            var value = parameters[i].Value;
            var next = weights.Slice(offset, value.Length);
            double delta = 0, squares = 0;
            for (var j = 0; j < value.Length; j++)
            {
                var w = double.CreateTruncating(next[j]);
                var d = w - double.CreateTruncating(value[j]);
                (delta, squares) = (delta + d * d, squares + w * w);
            }
            (_deltaSquares[i], _valueSquares[i]) = (delta, squares);
            next.CopyTo(value);
            offset += value.Length;
        }
    }
}
