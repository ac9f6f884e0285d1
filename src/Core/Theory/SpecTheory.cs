using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Data;
using GradientService.Core.Training;

namespace GradientService.Core.Theory;

/// <summary>The mean-field query of a feedforward run's spec (σ_w² and the bias from its init), with the caveats its architecture raises.</summary>
public static class SpecTheory
{
    /// <summary>
    /// σ_w² = fan_in · Var(W) of the scheme's draw in <see cref="Init.WeightInit"/>; for orthogonal and identity (gain·Q,
    /// ‖Wx‖ = gain‖x‖ on square layers) gain². A nonzero mean of the weights is not part of the variance (see the caveat).
    /// </summary>
    public static double WeightVariance(InitSpec init, InitScheme scheme, int fanIn, int fanOut) => scheme switch
    {
        InitScheme.Standard => 1.0 / 3,                                         // U(±1/√n): Var = 1/(3n)
        InitScheme.XavierUniform or InitScheme.XavierNormal => 2.0 * fanIn / (fanIn + fanOut), // Var = 2/(n+m)
        InitScheme.HeUniform or InitScheme.HeNormal => 2,                      // Var = 2/n (U(±√(6/n)) has the same)
        InitScheme.LecunNormal or InitScheme.YilmazPoli => 1,                  // std 1/√n
        InitScheme.Kumar => Init.WeightInit.KumarScale * Init.WeightInit.KumarScale,
        InitScheme.Normal => fanIn * init.Std * init.Std,
        InitScheme.ScaledNormal => init.WeightVariance,                        // Var = σ_w²/n
        InitScheme.Orthogonal or InitScheme.Identity => init.Gain * init.Gain,
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown init scheme."),
    };

    /// <summary>q₀ measured on a data set: the mean square of its training features.</summary>
    public static double InputSecondMoment(Dataset data) => data.Train.Features.Average(x => x * x);

    /// <summary>
    /// The query for a feedforward <paramref name="spec"/> on the data set its run trains on (drawn from the spec's seed
    /// as <see cref="Trainer.Create(RunSpec, int)"/> draws it), with q₀ measured there.
    /// </summary>
    public static (MeanFieldQuery Query, IReadOnlyList<TheoryCaveat> Caveats) For(RunSpec spec) =>
        For(spec, DatasetFactory.Create(spec.Data, Trainer.DataRng(spec)));

    /// <summary>
    /// The query for a feedforward <paramref name="spec"/> on <paramref name="data"/>: q₀, the inputs' mean correlation and
    /// the targets' moments measured there, the batch from the spec.
    /// </summary>
    public static (MeanFieldQuery Query, IReadOnlyList<TheoryCaveat> Caveats) For(RunSpec spec, Dataset data)
    {
        var (query, caveats) = For(spec, data.InputSize, InputSecondMoment(data));
        var width = query.Width;
        var readout = Readout(spec, data, WeightVariance(spec.Init, spec.Init.Scheme, width, data.OutputSize));
        return (query with { InputCorrelation = InputCorrelation(data), Readout = readout }, caveats);
    }

    /// <summary>Examples the input correlation is measured on (the first rows of the training split).</summary>
    public const int CorrelationExamples = 256;

    /// <summary>E[x_a·x_b]/E[x·x] over pairs of distinct training examples: (‖Σx‖² − Σ‖x‖²)/((m − 1) Σ‖x‖²).</summary>
    public static double InputCorrelation(Dataset data)
    {
        var n = data.Train.Features.Length / data.Train.Count;
        var m = Math.Min(data.Train.Count, CorrelationExamples);
        if (m < 2) return 0;
        var sum = new double[n];
        var squares = 0.0;
        for (var e = 0; e < m; e++)
        {
            var row = data.Train.Features.AsSpan(e * n, n);
            for (var j = 0; j < n; j++)
            {
                sum[j] += row[j];
                squares += row[j] * row[j];
            }
        }
        var total = sum.Sum(x => x * x);
        return squares > 0 ? Math.Clamp((total - squares) / ((m - 1) * squares), -1, 1) : 0;
    }

    /// <summary>The read-out of <paramref name="spec"/>: one-hot targets of a classification set, the targets of a regression one.</summary>
    private static ReadoutQuery Readout(RunSpec spec, Dataset data, double weightVariance)
    {
        var k = data.OutputSize;
        var mean = new double[k];
        double second;
        if (data.IsClassification)
        {
            foreach (var label in data.Train.Labels) mean[label]++;
            for (var c = 0; c < k; c++) mean[c] /= Math.Max(1, data.Train.Labels.Length);
            second = 1;
        }
        else
        {
            var rows = Math.Max(1, data.Train.Targets.Length / k);
            second = data.Train.Targets.Sum(y => y * y) / rows;
            for (var i = 0; i < data.Train.Targets.Length; i++) mean[i % k] += data.Train.Targets[i] / rows;
        }
        return new ReadoutQuery(spec.Training.Loss, k, weightVariance, mean, second);
    }

    /// <summary>
    /// The query for a feedforward <paramref name="spec"/> whose inputs (<paramref name="inputSize"/> features) have mean
    /// square <paramref name="inputSecondMoment"/> (measured on the data set). The first layer's σ_w² may differ from the
    /// hidden layers' (xavier with fan_in ≠ width), so q₀ is rescaled to give the same q₁ = σ_w²(layer 1)·E[x²] + b².
    /// </summary>
    public static (MeanFieldQuery Query, IReadOnlyList<TheoryCaveat> Caveats) For(RunSpec spec, int inputSize, double inputSecondMoment)
    {
        if (spec.Model is not FeedForwardSpec model)
            throw new ArgumentException("Mean-field theory covers feedforward nets; a recurrent net's bound is (γ·σ_max)^lag.", nameof(spec));
        var widths = model.HiddenWidths();
        var width = widths[^1];
        var init = spec.Init;
        var sw = WeightVariance(init, init.Scheme, width, width);
        var first = WeightVariance(init, init.Scheme, inputSize, widths[0]);
        var phi = new ScalarActivation(model.Activation, model.LeakyReluSlope, model.EluAlpha);
        var query = new MeanFieldQuery(phi, sw, init.BiasVariance, widths.Length, width, first / sw * inputSecondMoment, init.Bias)
        {
            Batch = spec.Training.BatchSize,
            InputWidth = inputSize,
            FirstWeightVariance = first,
        };
        return (query, Caveats(spec, model, widths, inputSize));
    }

    /// <summary>
    /// Why the theory gives no profile for a net it does not cover (cnn, transformer), and what the literature knows
    /// instead; empty for the nets it covers (feedforward) and for recurrent nets (whose bound is separate).
    /// </summary>
    public static IReadOnlyList<TheoryCaveat> Outside(ModelSpec model) => model switch
    {
        CnnSpec => [new("convolutional", "This mean-field theory covers fully connected nets. Convolutional nets have one of their own (Xiao et al. 2018, \"Dynamical Isometry and a Mean Field Theory of CNNs\": the same per-layer χ for the spatially averaged signal, and with delta-orthogonal kernels trainable to 10,000 layers), which the product does not compute; with batch norm or residual blocks even that does not apply (Yang et al. 2019; He et al. 2016). Read the measured profile.", Voids: true)],
        TransformerSpec => [new("transformer", "Self-attention mixes positions with data-dependent weights and layer norm rescales every position, so no per-layer χ describes a transformer. Xiong et al. 2020 (Theorem 1) bound the gradient of the last block's feed-forward weights at initialisation: of order d·√(ln d) with post-LN, independent of depth, against d·√(ln d / L) with pre-LN, which is why post-LN needs a learning-rate warm-up. Read the measured profile.", Voids: true)],
        _ => [],
    };

    private static List<TheoryCaveat> Caveats(RunSpec spec, FeedForwardSpec model, int[] widths, int inputSize)
    {
        var caveats = new List<TheoryCaveat>();
        if (model is ResidualMlpSpec)
            caveats.Add(new("residual", "Residual blocks add the input to each block's output, so the signal and gradient no longer multiply by χ per layer: mean-field theory of residual nets (Yang & Schoenholz 2017) finds sub-exponential dynamics instead — polynomial in depth for ReLU-like activations, exp(Θ(√depth)) for tanh — and no ordered/chaotic dichotomy. The exponential profile does not apply.", Voids: true));
        if (model.Normalization == Normalization.BatchNorm)
            caveats.Add(new("batch-norm", "Batch norm rescales each layer's pre-activations to unit variance over the batch, which replaces the q recursion; its mean-field theory (Yang et al., ICLR 2019) finds gradients that explode with depth at initialisation whatever the activation. The plain-net profile does not apply.", Voids: true));
        if (model.Normalization == Normalization.LayerNorm)
            caveats.Add(new("layer-norm", "Layer norm rescales each example's pre-activations to unit variance, so q_l = 1 at every layer; χ then depends on the normalisation's Jacobian, which this theory does not model. The plain-net profile does not apply.", Voids: true));
        if (widths.Distinct().Count() > 1)
            caveats.Add(new("unequal-widths", "The hidden widths differ; the recursions assume equal fan-in and fan-out, so layers whose widths change scale ‖δ‖ by a further fan-out/fan-in each."));
        var scheme = spec.Init.Scheme;
        if (scheme == InitScheme.Orthogonal && widths[^1] < 64)
            caveats.Add(new("orthogonal-small-width", "Orthogonal weights preserve norms exactly, so at small width the gradient's spread across layers is narrower than for the Gaussian weights the theory assumes (Pennington et al. 2017); the predicted mean holds, its scatter does not."));
        if (scheme == InitScheme.Identity)
            caveats.Add(new("identity-init", "Identity weights are not random: every unit sees only itself, and the mean-field averages over the weight draw do not apply.", Voids: true));
        if (scheme == InitScheme.YilmazPoli || (scheme == InitScheme.Normal && spec.Init.Mean != 0))
            caveats.Add(new("nonzero-mean-weights", "The weights have a nonzero mean, which adds a term shared by all units (mean² × (Σ a)²) that the zero-mean theory leaves out; the prediction uses the weights' variance only."));
        if (inputSize < 16 && scheme is InitScheme.Standard or InitScheme.XavierUniform or InitScheme.HeUniform)
            caveats.Add(new("non-gaussian-input", $"The first layer sums only {inputSize} inputs with uniform weights, so its pre-activations are not Gaussian; the recursion starts from their second moment, which is right, but their distribution is not."));
        if (spec.Init is { BiasVariance: > 0, BiasDistribution: BiasDistribution.Uniform })
            caveats.Add(new("uniform-bias", "The biases are drawn uniformly, not from a Gaussian: each pre-activation is a Gaussian sum plus a uniform bias, so it is not Gaussian; the recursion uses σ_b², the right second moment, but the Gaussian expectations of φ and φ′ are approximations (close when σ_b² is small beside σ_w²q)."));
        return caveats;
    }
}
