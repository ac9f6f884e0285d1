using GradientService.Contracts.Wire;
using GradientService.Contracts.Spec;

namespace GradientService.Contracts.Presets;

/// <summary>
/// Named specs that reproduce the classic experiments on vanishing and exploding gradients. Presets of one group are
/// meant to be compared (the compare endpoint lines them up). Step counts are modest so each finishes in minutes on 2 cores.
/// </summary>
public static class PresetCatalog
{
    public static readonly IReadOnlyList<PresetInfo> All =
    [
        .. SigmoidVersusRelu(),
        .. XavierVersusHe(),
        .. BatchNorm(),
        .. Residual(),
        .. RecurrentAdding(),
        .. ExplodingRnn(),
        .. MnistDepth(),
        .. LayerwisePretraining(),
    ];

    public static PresetInfo? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<PresetInfo> SigmoidVersusRelu()
    {
        // Two moons at η = 0.02: the ReLU/He net learns it within the 2,000 steps (the sigmoid net stays at chance);
        // two spirals is too hard for either plain 10-layer net in that budget, and η = 0.5 makes the ReLU net diverge.
        var spec = Feedforward("Deep sigmoid, standard init", Mlp(10, 64, ActivationKind.Sigmoid), InitScheme.Standard, 0.02) with
        {
            Data = new DataSpec { Kind = DatasetKind.Moons, Samples = 2000, Noise = 0.1 },
        };
        yield return new("deep-sigmoid", "10-layer sigmoid network", "sigmoid-vs-relu",
            "Vanishing gradients: sigmoid's slope is at most 1/4, so ‖∂L/∂W_l‖ shrinks by roughly that factor per layer "
            + "towards the input; the heatmap darkens layer by layer and the early layers barely learn.",
            "Glorot & Bengio 2010; Hochreiter 1991", spec);
        yield return new("deep-relu-he", "10-layer ReLU network, He init", "sigmoid-vs-relu",
            "The remedy: ReLU's slope is 1 where active and He init (σ_w² = 2/fan_in) keeps χ = 1, so the gradient norm "
            + "stays level across depth and the net learns the task; compare the depth profile with deep-sigmoid at the same step.",
            "He et al. 2015; Glorot, Bordes & Bengio 2011",
            spec with { Name = "Deep ReLU, He init", Model = spec.Model with { Activation = ActivationKind.Relu }, Init = new InitSpec { Scheme = InitScheme.HeNormal } });
    }

    private static IEnumerable<PresetInfo> XavierVersusHe()
    {
        var spec = Feedforward("30-layer ReLU, Xavier init", Mlp(30, 64, ActivationKind.Relu), InitScheme.XavierNormal, 0.01);
        yield return new("relu30-xavier", "30-layer ReLU network, Xavier init", "xavier-vs-he",
            "Xavier's variance 2/(fan_in+fan_out) ignores that ReLU zeroes half its inputs: each layer halves the signal's "
            + "second moment (χ = 1/2), so over 30 layers the gradient at the input is ~2⁻³⁰ of the top and training stalls.",
            "He et al. 2015, Figure 3", spec);
        yield return new("relu30-he", "30-layer ReLU network, He init", "xavier-vs-he",
            "He init doubles the variance (2/fan_in) to make up for ReLU, so χ = 1 and the same 30-layer net trains.",
            "He et al. 2015, Figure 3", spec with { Name = "30-layer ReLU, He init", Init = new InitSpec { Scheme = InitScheme.HeNormal } });
    }

    private static IEnumerable<PresetInfo> BatchNorm()
    {
        var model = Mlp(20, 64, ActivationKind.Sigmoid);
        var spec = Feedforward("20-layer sigmoid, no normalisation", model, InitScheme.XavierNormal, 0.5);
        yield return new("deep-sigmoid-plain", "20-layer sigmoid network without batch norm", "batch-norm",
            "Without normalisation the pre-activations drift into sigmoid's flat tails (saturation rises) and the "
            + "gradient fades towards the input.", "Ioffe & Szegedy 2015", spec);
        yield return new("deep-sigmoid-batchnorm", "20-layer sigmoid network with batch norm", "batch-norm",
            "Batch norm re-centres and re-scales every pre-activation, (x − μ_B)/√(σ_B² + ε), keeping units in sigmoid's "
            + "steep middle: saturation stays low and the gradient reaches the first layers.", "Ioffe & Szegedy 2015",
            spec with { Name = "20-layer sigmoid, batch norm", Model = model with { Normalization = Normalization.BatchNorm } });
    }

    private static IEnumerable<PresetInfo> Residual()
    {
        var spec = Feedforward("51-layer tanh, plain", Mlp(51, 32, ActivationKind.Tanh), InitScheme.XavierNormal, 0.01);
        yield return new("deep-tanh-plain", "51-layer plain tanh network", "residual",
            "The gradient crosses 51 Jacobians diag(φ′)W; their product shrinks geometrically and the lower layers hardly move.",
            "He et al. 2016", spec);
        yield return new("deep-tanh-residual", "51-layer residual tanh network (an input layer and 25 blocks of 2)", "residual",
            "With h ← h + F(h) each Jacobian is I + ∂F/∂h: the identity path carries the gradient through any depth, so the "
            + "depth profile stays nearly flat.", "He et al. 2016",
            spec with { Name = "51-layer tanh, residual", Model = new ResidualMlpSpec { Depth = 51, Width = 32, Activation = ActivationKind.Tanh, BlockSize = 2 } });
    }

    private static IEnumerable<PresetInfo> RecurrentAdding()
    {
        var spec = new RunSpec
        {
            Name = "Adding problem, tanh RNN",
            Model = new RnnSpec { Depth = 1, Width = 64, Activation = ActivationKind.Tanh },
            Init = new InitSpec { Scheme = InitScheme.XavierUniform, RecurrentScheme = InitScheme.Orthogonal },
            Data = new DataSpec { Kind = DatasetKind.Adding, Samples = 4000, SequenceLength = 100 },
            Optimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = 1e-3 },
            Clipping = new ClippingSpec { Mode = ClippingMode.GlobalNorm, Threshold = 1 },
            Training = new TrainingSpec { Loss = LossKind.Mse, BatchSize = 32, Steps = 2000, EvalEvery = 100, TimeLagEvery = 10, Seed = 1 },
        };
        yield return new("adding-rnn", "Adding problem (T = 100), tanh RNN", "rnn-vs-lstm",
            "‖∂L/∂h_t‖ decays with the lag t → T (the time-lag profile falls off), so the RNN cannot link the two marked "
            + "inputs 100 steps apart and its loss stays near the 0.167 of always answering 1.",
            "Hochreiter & Schmidhuber 1997; Pascanu, Mikolov & Bengio 2013", spec);
        yield return new("adding-lstm", "Adding problem (T = 100), LSTM", "rnn-vs-lstm",
            "The LSTM's cell path c_t = f_t ⊙ c_{t−1} + … with forget gates near 1 (bias init 1) carries the error across "
            + "all 100 steps: the time-lag profile stays flat and the loss falls well below the baseline.",
            "Hochreiter & Schmidhuber 1997; Gers et al. 2000",
            spec with { Name = "Adding problem, LSTM", Model = new LstmSpec { Depth = 1, Width = 64 } });
    }

    private static IEnumerable<PresetInfo> ExplodingRnn()
    {
        var spec = new RunSpec
        {
            Name = "Exploding RNN, no clipping",
            Model = new RnnSpec { Depth = 1, Width = 32, Activation = ActivationKind.Tanh },
            Init = new InitSpec { Scheme = InitScheme.XavierUniform, RecurrentScheme = InitScheme.Orthogonal, MaxSingularValue = 3 },
            Data = new DataSpec { Kind = DatasetKind.Adding, Samples = 2000, SequenceLength = 50 },
            Optimizer = new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = 0.05 },
            Training = new TrainingSpec { Loss = LossKind.Mse, BatchSize = 32, Steps = 1000, EvalEvery = 50, TimeLagEvery = 10, Seed = 1 },
        };
        yield return new("exploding-rnn", "Tanh RNN with σ_max(W_hh) = 3, no clipping", "clipping",
            "σ_max = 3 > 1/γ = 1 makes exploding gradients possible: ‖g‖ spikes by orders of magnitude, the update "
            + "ratio jumps and the loss jumps with it (or diverges).", "Pascanu, Mikolov & Bengio 2013", spec);
        yield return new("exploding-rnn-clipped", "The same RNN with global-norm clipping (τ = 1)", "clipping",
            "Clipping rescales g ← g·min(1, τ/‖g‖): the spikes still show in ‖g‖ before clipping, but the norm after "
            + "clipping is capped, each clip is recorded as an event, and training stays stable.", "Pascanu, Mikolov & Bengio 2013",
            spec with { Name = "Exploding RNN, clipped", Clipping = new ClippingSpec { Mode = ClippingMode.GlobalNorm, Threshold = 1 } });
    }

    private static IEnumerable<PresetInfo> MnistDepth()
    {
        for (var hidden = 1; hidden <= 4; hidden++)
        {
            var widths = Enumerable.Repeat(30, hidden).ToArray();
            yield return new($"mnist-sigmoid-{hidden}", $"MNIST digits, sigmoid [784, {string.Join(", ", widths)}, 10]", "mnist-depth",
                "The per-layer learning speed ‖∂L/∂b_l‖ differs by about an order of magnitude from one hidden layer to the "
                + "next, the first layer learning slowest; add hidden layers (1 → 4) and watch the gap widen.",
                "Nielsen, Neural Networks and Deep Learning, ch. 5",
                new RunSpec
                {
                    Name = $"MNIST sigmoid, {hidden} hidden layer{(hidden > 1 ? "s" : "")}",
                    Model = new MlpSpec { Depth = hidden, Width = 30, Widths = widths, Activation = ActivationKind.Sigmoid },
                    Init = new InitSpec { Scheme = InitScheme.LecunNormal },
                    Data = new DataSpec { Kind = DatasetKind.Mnist, Samples = 10_000, TestFraction = 0.2 },
                    Optimizer = new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = 0.1 },
                    Training = new TrainingSpec { Loss = LossKind.CrossEntropy, BatchSize = 10, Steps = 3000, EvalEvery = 250, Seed = 1 },
                });
        }
    }

    private static IEnumerable<PresetInfo> LayerwisePretraining()
    {
        // Two moons, 4,000 steps of batch 64 for every run, fine-tuned by plain SGD at η = 0.02: the random-init net stays
        // at chance (‖∂L/∂W_1‖ ~1e-9 at step 1). Pretraining takes 10 × 200 of the 4,000 steps, by Adam at η = 0.003, which
        // moves the deep layers, whose codes barely vary, as fast as the first (plain SGD at that budget hardly moves them).
        var spec = Feedforward("10-layer sigmoid, random init", Mlp(10, 64, ActivationKind.Sigmoid), InitScheme.Standard, 0.02) with
        {
            Data = new DataSpec { Kind = DatasetKind.Moons, Samples = 2000, Noise = 0.1 },
            Training = new TrainingSpec { Loss = LossKind.CrossEntropy, BatchSize = 64, Steps = 4000, EvalEvery = 250, Seed = 1 },
        };
        var pretraining = new PretrainingSpec { StepsPerLayer = 200, Optimizer = OptimizerKind.Adam, LearningRate = 0.003 };
        const string Source = "Hinton, Osindero & Teh 2006; Bengio, Lamblin, Popovici & Larochelle 2007";
        yield return new("pretraining-none", "10-layer sigmoid network, random init, backprop only", "layerwise-pretraining",
            "The baseline: from the standard init, ‖∂L/∂W_l‖ falls by about an order of magnitude per layer towards the input "
            + "(~1e-9 at layer 1 against ~0.6 at the read-out) and plain SGD leaves the net at chance for all 4,000 steps.",
            Source, spec);
        yield return new("pretraining-autoencoder", "The same net pretrained layer by layer as autoencoders, then fine-tuned", "layerwise-pretraining",
            "Each hidden layer first learns to reconstruct the codes of the layers below (tied weights, 200 steps each), which "
            + "grows its weights where the random init left them small; at the first fine-tuning step (step 2,001) layer 1's "
            + "‖∂L/∂W‖ is about six orders of magnitude above the random-init run's, and the same SGD reaches ~89% test accuracy.",
            "Bengio, Lamblin, Popovici & Larochelle 2007, §2.2 and Table 1",
            spec with { Name = "10-layer sigmoid, autoencoder pretraining", Pretraining = pretraining with { Kind = PretrainingKind.Autoencoder } });
        yield return new("pretraining-rbm", "The same net pretrained layer by layer as RBMs (CD-1), then fine-tuned", "layerwise-pretraining",
            "The deep-belief-net recipe: each hidden layer a restricted Boltzmann machine trained by contrastive divergence "
            + "on the codes below. Layer 1's ‖∂L/∂W‖ at the first fine-tuning step is about three orders of magnitude above "
            + "the random-init run's, but the profile still falls towards the input and within this budget SGD does not leave chance.",
            "Hinton, Osindero & Teh 2006; Hinton 2002",
            spec with { Name = "10-layer sigmoid, RBM pretraining", Pretraining = pretraining with { Kind = PretrainingKind.Rbm, LearningRate = 0.01 } });
    }

    private static MlpSpec Mlp(int depth, int width, ActivationKind activation) => new() { Depth = depth, Width = width, Activation = activation };

    private static RunSpec Feedforward(string name, MlpSpec model, InitScheme init, double learningRate) => new()
    {
        Name = name,
        Model = model,
        Init = new InitSpec { Scheme = init },
        Data = new DataSpec { Kind = DatasetKind.TwoSpirals, Samples = 2000, Noise = 0.1 },
        Optimizer = new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = learningRate },
        Training = new TrainingSpec { Loss = LossKind.CrossEntropy, BatchSize = 64, Steps = 2000, EvalEvery = 100, Seed = 1 },
    };
}
