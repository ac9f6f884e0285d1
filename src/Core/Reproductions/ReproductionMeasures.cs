using GradientService.Contracts.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Reproductions;

/// <summary>
/// How the product measures the figures of each preset that reproduces its source (<c>PresetInfo.Reproduction</c>): per
/// preset name, a function from a spec (the preset's, with a seed) to its figures, in the order of the preset's list. Each
/// runs the spec through the ordinary <see cref="Trainer"/> and reads the step records, as a run through the Api would.
/// The bench's <c>reproduce</c> command runs every entry over the seeds; the tests run each at CI scale.
/// </summary>
public static class ReproductionMeasures
{
    /// <summary>Seeds behind every published "ours": 1 … <see cref="Seeds"/>.</summary>
    public const int Seeds = 5;

    public static IReadOnlyDictionary<string, Func<RunSpec, double[]>> All { get; } = new Dictionary<string, Func<RunSpec, double[]>>
    {
        ["mnist-speed-2"] = InitialAndFinalBiasGradients,
        ["mnist-speed-3"] = InitialAndFinalBiasGradients,
        ["mnist-speed-4"] = InitialAndFinalBiasGradients,
        ["relu30-xavier"] = spec => [ResponseStdFactor(spec)],
        ["relu30-he"] = spec => [ResponseStdFactor(spec)],
        ["glorot-tanh-standard"] = spec => [JacobianSingularValues.MeanAtInit(spec)],
        ["glorot-tanh-normalized"] = spec => [JacobianSingularValues.MeanAtInit(spec)],
        ["adding-lstm"] = spec => [WrongPredictions(spec, AddingTolerance)],
    };

    /// <summary>
    /// Hochreiter &amp; Schmidhuber's criterion for a correct adding-problem sequence, |error| &lt; 0.04 on their target
    /// 0.5 + (X₁ + X₂)/4 (§5.4), which spans [0, 1]; the product's target X₁ + X₂ spans [0, 2], so 0.04 × 2.
    /// </summary>
    public const double AddingTolerance = 0.08;

    /// <summary>Mean and sample standard deviation of each figure over seeds 1 … <paramref name="seeds"/>.</summary>
    public static (double Mean, double Sd)[] OverSeeds(RunSpec spec, Func<RunSpec, double[]> measure, int seeds = Seeds)
    {
        var values = Enumerable.Range(1, seeds)
            .Select(s => measure(spec with { Training = spec.Training with { Seed = (ulong)s } }))
            .ToArray();
        return [.. Enumerable.Range(0, values[0].Length).Select(f =>
        {
            var xs = values.Select(v => v[f]).ToArray();
            var mean = xs.Average();
            var sd = xs.Length > 1 ? Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Length - 1)) : 0;
            return (mean, sd);
        })];
    }

    /// <summary>‖∂C/∂b_l‖ of every hidden layer at step 1 (initialisation) and then at the spec's last step (Nielsen's "speed of learning").</summary>
    public static double[] InitialAndFinalBiasGradients(RunSpec spec) => BiasGradNorms(spec, [1, spec.Training.Steps]);

    /// <summary>
    /// ‖∂C/∂b_l‖ of every hidden layer (the read-out excluded) at each of <paramref name="steps"/>, in step order: the gradient
    /// of step k is taken at the weights after k − 1 updates, so step 1 is the initialisation.
    /// </summary>
    public static double[] BiasGradNorms(RunSpec spec, int[] steps)
    {
        var last = steps.Max();
        using var trainer = Trainer.Create(spec with { Training = spec.Training with { Steps = last, EvalEvery = 0 } });
        var hidden = trainer.Model.Layers.Count - 1;
        var values = new List<double>();
        trainer.Run(r =>
        {
            if (!steps.Contains(r.Step)) return;
            for (var l = 0; l < hidden; l++) values.Add(r.Layers[l].BiasGradNorm);
        });
        return [.. values];
    }

    /// <summary>
    /// The per-layer factor of the responses' std at initialisation (step 1's forward pass): (std(y_D)/std(y_1))^(1/(D − 1))
    /// over the D hidden layers, the geometric mean of std(y_l)/std(y_{l−1}).
    /// </summary>
    public static double ResponseStdFactor(RunSpec spec)
    {
        using var trainer = Trainer.Create(spec with { Training = spec.Training with { Steps = 1, EvalEvery = 0 } });
        var factor = double.NaN;
        var hidden = trainer.Model.Layers.Count - 1;
        trainer.Run(r => factor = Math.Pow(r.Layers[hidden - 1].ActivationStd / r.Layers[0].ActivationStd, 1.0 / (hidden - 1)));
        return factor;
    }

    /// <summary>
    /// Share of held-out sequences a trained regression net gets wrong, |prediction − target| &gt; <paramref name="tolerance"/>,
    /// after the spec's steps (Hochreiter &amp; Schmidhuber's "# wrong predictions" over their test set).
    /// </summary>
    public static double WrongPredictions(RunSpec spec, double tolerance)
    {
        using var trainer = Trainer.Create(spec with { Training = spec.Training with { EvalEvery = 0 } });
        trainer.Run(_ => { });
        var errors = trainer switch
        {
            Trainer<double> d => d.TestAbsoluteErrors(),
            Trainer<float> f => f.TestAbsoluteErrors(),
            _ => throw new InvalidOperationException("A trainer of an unknown precision."),
        };
        return (double)errors.Count(e => !(e <= tolerance)) / errors.Length;
    }

    /// <summary>Share of held-out sequences a trained classifier gets wrong after the spec's steps (1 − test accuracy).</summary>
    public static double Misclassified(RunSpec spec)
    {
        using var trainer = Trainer.Create(spec with { Training = spec.Training with { EvalEvery = spec.Training.Steps } });
        var accuracy = double.NaN;
        trainer.Run(r => { if (r.Step == spec.Training.Steps) accuracy = r.TestAccuracy; });
        return 1 - accuracy;
    }
}
