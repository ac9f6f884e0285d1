using GradientService.Contracts.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Reproductions;

/// <summary>
/// The figures of presets whose sources publish no number for this product's setup (the gradient-free, pretraining,
/// Rprop and hierarchical-softmax presets): per preset name, what each figure is and how it is measured. The preset's
/// record states their mean ± sd over seeds 1 … <see cref="ReproductionMeasures.Seeds"/>, from the bench's <c>reproduce</c>.
/// </summary>
public static class SpreadMeasures
{
    /// <summary>One preset's figures: their names, in order, and the function from a seeded spec to their values.</summary>
    public sealed record Measure(string[] Quantities, Func<RunSpec, double[]> Of);

    private static readonly Measure Accuracy = new(["final test accuracy"], spec => [FinalTestAccuracy(spec)]);

    private static readonly Measure Pretrained = new(
        ["‖∂L/∂W_1‖ at the first fine-tuning step", "final test accuracy"],
        spec => [FirstFineTuningGradient(spec), FinalTestAccuracy(spec)]);

    private static readonly Measure LayerOneSteps = new(
        ["layer 1's mean ‖ΔW_1‖/‖W_1‖ per step", "layer 1's mean ‖∂L/∂W_1‖", "mean loss of the last 50 steps"], LayerOneMotion);

    private static readonly Measure TemporalOrder = new(
        [$"success (under 1 % of the test sequences misclassified) on Pascanu et al.'s temporal-order setup, T = {PascanuTemporalOrder.Length}",
            "share of the test sequences misclassified"],
        spec =>
        {
            var wrong = ReproductionMeasures.Misclassified(PascanuTemporalOrder.Spec(spec.Clipping, spec.Training.Seed));
            return [wrong < PascanuTemporalOrder.SuccessBelow ? 1 : 0, wrong];
        });

    public static IReadOnlyDictionary<string, Measure> All { get; } = new Dictionary<string, Measure>
    {
        ["search-sgd"] = Accuracy,
        ["search-genetic"] = Accuracy,
        ["search-evolution-strategy"] = Accuracy,
        ["pretraining-none"] = Pretrained,
        ["pretraining-autoencoder"] = Pretrained,
        ["pretraining-rbm"] = Pretrained,
        ["deep-sigmoid-sgd"] = LayerOneSteps,
        ["deep-sigmoid-rprop"] = LayerOneSteps,
        ["blobs256-softmax"] = Accuracy,
        ["blobs256-hierarchical"] = Accuracy,
        ["adding-rnn"] = new(["share of the test sequences wrong (|error| > 0.08)"], spec => [ReproductionMeasures.WrongPredictions(spec, ReproductionMeasures.AddingTolerance)]),
        ["exploding-rnn"] = TemporalOrder,
        ["exploding-rnn-clipped"] = TemporalOrder,
    };


    /// <summary>Test accuracy at the spec's last step.</summary>
    public static double FinalTestAccuracy(RunSpec spec) => 1 - ReproductionMeasures.Misclassified(spec);

    /// <summary>‖∂L/∂W_1‖ at the first step after pretraining (step 1 without it).</summary>
    public static double FirstFineTuningGradient(RunSpec spec)
    {
        var first = spec.Pretraining.Steps(PretrainingSpec.DepthOf(spec.Model)) + 1;
        using var trainer = Trainer.Create(spec with { Training = spec.Training with { Steps = first, EvalEvery = 0 } });
        var gradient = double.NaN;
        trainer.Run(r => { if (r.Step == first) gradient = r.Layers[0].WeightGradNorm; });
        return gradient;
    }

    /// <summary>Layer 1's mean update ratio and mean gradient norm over the steps, and the mean loss of the last 50 steps.</summary>
    public static double[] LayerOneMotion(RunSpec spec)
    {
        using var trainer = Trainer.Create(spec with { Training = spec.Training with { EvalEvery = 0 } });
        var (ratios, gradients, losses) = (new List<double>(), new List<double>(), new List<double>());
        trainer.Run(r =>
        {
            ratios.Add(r.Layers[0].UpdateRatio);
            gradients.Add(r.Layers[0].WeightGradNorm);
            losses.Add(r.Loss);
        });
        return [ratios.Average(), gradients.Average(), losses.TakeLast(50).Average()];
    }
}
