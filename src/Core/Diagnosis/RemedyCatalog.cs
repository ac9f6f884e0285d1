using GradientService.Contracts.Spec;

namespace GradientService.Core.Diagnosis;

/// <summary>
/// The remedies the product knows, one entry each. Which ones a diagnosis suggests, and in which order, is in
/// <see cref="FindingRules"/> (each finding kind lists its remedies best first).
/// </summary>
public static class RemedyCatalog
{
    public const string ReluHe = "relu-he";
    public const string LeakyRelu = "leaky-relu";
    public const string Residual = "residual";
    public const string BatchNorm = "batch-norm";
    public const string LayerNorm = "layer-norm";
    public const string Lstm = "lstm";
    public const string Gru = "gru";
    public const string Clip = "clipping";
    public const string NegativeMean = "negative-mean";
    public const string Kumar = "kumar";
    public const string Orthogonal = "orthogonal";
    public const string SmallerLearningRate = "smaller-learning-rate";
    public const string Adam = "adam";
    public const string Rprop = "rprop";
    public const string LayerwisePretraining = "layerwise-pretraining";
    public const string PreLn = "pre-ln";

    /// <summary>Adam's default step size (Kingma &amp; Ba 2015, Algorithm 1).</summary>
    public const double AdamLearningRate = 1e-3;

    /// <summary>Rprop's initial step size Δ₀ (PyTorch's default lr for Rprop; Riedmiller &amp; Braun 1993 suggest 0.1).</summary>
    public const double RpropLearningRate = 1e-2;

    /// <summary>The pretraining remedy spends 1/this of the run's steps on pretraining (the layerwise-pretraining presets: half).</summary>
    public const int PretrainingShare = 2;

    /// <summary>The pretraining remedy's Adam step size (the pretraining-autoencoder preset's, docs/pretraining.md).</summary>
    public const double PretrainingLearningRate = 3e-3;

    /// <summary>The smaller learning rate divides η by this.</summary>
    public const double LearningRateDivisor = 10;

    /// <summary>Global-norm clipping's threshold τ (Pascanu et al. 2013 clip at a value of the order of the average norm; 1 is the presets').</summary>
    public const double ClipThreshold = 1;

    private static readonly Remedy[] Entries =
    [
        new(ReluHe, "ReLU with He init",
            "ReLU's slope is 1 wherever a unit is active and He init (σ_w² = 2) keeps χ = 1, so ‖δ‖ neither shrinks nor grows from layer to layer.",
            "He et al. 2015 (ICCV), Figure 3; Glorot, Bordes & Bengio 2011",
            s => s.Model is FeedForwardSpec or CnnSpec { Layers: null } && !(ReluFamily(s.Model.Activation) && He(s.Init.Scheme))
                ? s with { Model = s.Model with { Activation = ReluFamily(s.Model.Activation) ? s.Model.Activation : ActivationKind.Relu }, Init = s.Init with { Scheme = InitScheme.HeNormal } }
                : null),
        new(LeakyRelu, "Leaky ReLU",
            "A small slope for z < 0 keeps a gradient flowing through inactive units, so they can recover instead of dying.",
            "Maas, Hannun & Ng 2013",
            s => s.Model is FeedForwardSpec { Activation: ActivationKind.Relu } m ? s with { Model = m with { Activation = ActivationKind.LeakyRelu } } : null),
        new(BatchNorm, "Batch norm",
            "Normalising every pre-activation over the batch keeps units in the activation's steep part, whatever the init and depth.",
            "Ioffe & Szegedy 2015, Figure 1",
            s => s.Model switch
            {
                FeedForwardSpec { Normalization: Normalization.None } m => s with { Model = m with { Normalization = Normalization.BatchNorm } },
                CnnSpec { Normalization: Normalization.None, Layers: null } c => s with { Model = c with { Normalization = Normalization.BatchNorm } },
                _ => null,
            }),
        new(Residual, "Residual connections",
            "With h ← h + F(h) every layer's Jacobian is I + ∂F/∂h: the identity path carries the gradient through any depth.",
            "He et al. 2016 (CVPR), Figure 1; Yang & Schoenholz 2017",
            s => s.Model switch
            {
                MlpSpec { Widths: null } m => s with
                {
                    Model = new ResidualMlpSpec
                    {
                        Depth = m.Depth, Width = m.Width, Activation = m.Activation, LeakyReluSlope = m.LeakyReluSlope, EluAlpha = m.EluAlpha,
                        Normalization = m.Normalization, NormEpsilon = m.NormEpsilon, NormMomentum = m.NormMomentum,
                    },
                },
                // Two convolutions a block and whole blocks a stage: the depth rounds up to a multiple of 2 × stages.
                CnnSpec { Block: CnnBlock.Plain, Layers: null } c => s with
                {
                    Model = c with { Block = CnnBlock.Residual, Depth = (c.Depth + 2 * c.Stages - 1) / (2 * c.Stages) * 2 * c.Stages },
                },
                _ => null,
            }),
        new(LayerNorm, "Layer norm",
            "Normalising each example's pre-activations keeps them in the activation's steep part without depending on the batch.",
            "Ba, Kiros & Hinton 2016",
            s => s.Model is FeedForwardSpec { Normalization: Normalization.None } m ? s with { Model = m with { Normalization = Normalization.LayerNorm } } : null),
        new(Lstm, "LSTM",
            "The cell state c_t = f_t ⊙ c_{t−1} + … passes the error back through time multiplied by the forget gate, not by W_hh and φ′, so it survives long lags.",
            "Hochreiter & Schmidhuber 1997; Gers, Schmidhuber & Cummins 2000",
            s => s.Model is RecurrentSpec m and not LstmSpec
                ? s with { Model = new LstmSpec { Depth = m.Depth, Width = m.Width, Output = m.Output, BpttLength = m.BpttLength, LeakyReluSlope = m.LeakyReluSlope, EluAlpha = m.EluAlpha } }
                : null),
        new(Gru, "GRU",
            "The update gate interpolates h_t between h_{t−1} and a candidate, an additive path that carries the gradient across long lags with fewer parameters than an LSTM.",
            "Cho et al. 2014; Chung et al. 2014",
            s => s.Model is RnnSpec m
                ? s with { Model = new GruSpec { Depth = m.Depth, Width = m.Width, Output = m.Output, BpttLength = m.BpttLength, LeakyReluSlope = m.LeakyReluSlope, EluAlpha = m.EluAlpha } }
                : null),
        new(Clip, "Gradient clipping",
            "Rescaling g ← g·min(1, τ/‖g‖) caps the step an exploding gradient can take while keeping its direction.",
            "Pascanu, Mikolov & Bengio 2013, §3.2 and Figure 6",
            s => s.Clipping.Mode == ClippingMode.None ? s with { Clipping = new ClippingSpec { Mode = ClippingMode.GlobalNorm, Threshold = ClipThreshold } } : null),
        new(NegativeMean, "Negative initial weight mean for logistic units",
            "Sigmoid outputs average 1/2, not 0, so every pre-activation gets a shared shift that pushes units into saturation; a slightly negative weight mean cancels it.",
            "Yilmaz & Poli 2022; LeCun et al. 1998, \"Efficient BackProp\" §4.4; Glorot & Bengio 2010, Figure 2",
            s => s.Model is FeedForwardSpec { Activation: ActivationKind.Sigmoid } && s.Init.Scheme != InitScheme.YilmazPoli
                ? s with { Init = s.Init with { Scheme = InitScheme.YilmazPoli } } : null),
        new(Kumar, "Kumar's init for sigmoid",
            "std = 3.6/√fan_in: He's variance-preserving argument redone for sigmoid's slope and nonzero mean, so the signal and the gradient keep their size across depth.",
            "Kumar 2017, \"On weight initialization in deep neural networks\"",
            s => s.Model is FeedForwardSpec { Activation: ActivationKind.Sigmoid } && s.Init.Scheme != InitScheme.Kumar
                ? s with { Init = s.Init with { Scheme = InitScheme.Kumar } } : null),
        new(Orthogonal, "Orthogonal init at gain 1",
            "Orthogonal weights preserve every direction's norm (all singular values 1), so a recurrent net starts at σ_max(W_hh) = 1 and a linear or tanh stack at dynamical isometry.",
            "Saxe, McClelland & Ganguli 2014; Pennington, Schoenholz & Ganguli 2017",
            OrthogonalInit),
        new(SmallerLearningRate, "A smaller learning rate",
            "A step of η·g that is too large for the loss's curvature throws the weights where gradients are larger still; dividing η by 10 keeps updates small.",
            "LeCun et al. 1998, \"Efficient BackProp\" §4.7; Pascanu et al. 2013",
            s => s.Optimizer.LearningRate > 0 ? s with { Optimizer = s.Optimizer with { LearningRate = s.Optimizer.LearningRate / LearningRateDivisor } } : null),
        new(Adam, "Adam",
            "Adam divides each parameter's step by a running √E[g²], so layers with tiny gradients still move at about η per step.",
            "Kingma & Ba 2015",
            s => s.Optimizer.Kind is OptimizerKind.Adam or OptimizerKind.AdamW ? null
                : s with { Optimizer = s.Optimizer with { Kind = OptimizerKind.Adam, LearningRate = AdamLearningRate } }),
        new(Rprop, "Rprop",
            "Rprop uses only the gradient's sign, with a step per weight that grows while the sign holds: a vanishing gradient's size no longer matters.",
            "Riedmiller & Braun 1993",
            s => s.Optimizer.Kind == OptimizerKind.Rprop ? null
                : s with { Optimizer = s.Optimizer with { Kind = OptimizerKind.Rprop, LearningRate = RpropLearningRate } }),
        new(PreLn, "Pre-LN transformer",
            "With x ← x + F(norm x) every block adds to an identity path that no layer norm rescales, so the gradient near the output is no larger than elsewhere at initialisation and training needs no warm-up.",
            "Xiong et al. 2020, Theorem 1; Wang et al. 2019",
            s => s.Model is TransformerSpec { Placement: NormPlacement.PostLn } t ? s with { Model = t with { Placement = NormPlacement.PreLn } } : null),
        new(LayerwisePretraining, "Greedy layer-wise pretraining",
            "Each hidden layer first learns, as an autoencoder, to reconstruct the codes of the layers below: its weights grow where the random init left them small, and backprop then starts with gradients that reach the first layers.",
            "Bengio, Lamblin, Popovici & Larochelle 2007; Hinton, Osindero & Teh 2006",
            WithPretraining),
    ];

    /// <summary>Remedies that change the backprop step (its optimizer, η, clipping or a pretraining before it): none applies to gradient-free search.</summary>
    private static readonly HashSet<string> BackpropOnly = [Clip, SmallerLearningRate, Adam, Rprop, LayerwisePretraining];

    /// <summary>
    /// Every remedy; one that changes the net to one its pretraining cannot serve drops the pretraining (the remedy replaces
    /// it), and a remedy of the backprop step does not apply to a gradient-free run.
    /// </summary>
    public static readonly IReadOnlyList<Remedy> All =
    [
        .. Entries.Select(r => r with
        {
            Change = s => s.Training.Method != TrainingMethod.Backprop && BackpropOnly.Contains(r.Id) ? null : FitPretraining(r.Change(s)),
        }),
    ];

    public static Remedy? Find(string id) => All.FirstOrDefault(r => r.Id == id);

    private static bool ReluFamily(ActivationKind a) => a is ActivationKind.Relu or ActivationKind.LeakyRelu or ActivationKind.Elu;

    private static bool He(InitScheme s) => s is InitScheme.HeNormal or InitScheme.HeUniform;

    private static RunSpec? FitPretraining(RunSpec? s) =>
        s is not null && !s.Pretraining.Fits(s.Model) ? s with { Pretraining = s.Pretraining with { Kind = PretrainingKind.None } } : s;

    /// <summary>A sigmoid or tanh mlp without normalisation and not yet pretrained: autoencoders by Adam over half the steps.</summary>
    private static RunSpec? WithPretraining(RunSpec s)
    {
        if (s.Model is not MlpSpec { Normalization: Normalization.None, Activation: ActivationKind.Sigmoid or ActivationKind.Tanh } m
            || s.Pretraining.Kind != PretrainingKind.None) return null;
        var perLayer = Math.Max(1, s.Training.Steps / (PretrainingShare * PretrainingSpec.DepthOf(m)));
        return s with
        {
            Pretraining = s.Pretraining with
            {
                Kind = PretrainingKind.Autoencoder, StepsPerLayer = perLayer, Optimizer = OptimizerKind.Adam, LearningRate = PretrainingLearningRate,
            },
        };
    }

    /// <summary>Recurrent nets: W_hh orthogonal at σ_max = 1 (no rescaling); feedforward tanh and linear stacks: every layer orthogonal.</summary>
    private static RunSpec? OrthogonalInit(RunSpec s)
    {
        var init = s.Init;
        if (s.Model is RecurrentSpec)
        {
            var target = init with { RecurrentScheme = InitScheme.Orthogonal, Gain = 1, MaxSingularValue = null, SpectralRadius = null };
            return target == init ? null : s with { Init = target };
        }
        if (s.Model.Activation is not (ActivationKind.Tanh or ActivationKind.Identity)) return null;
        var feedforward = init with { Scheme = InitScheme.Orthogonal, Gain = 1 };
        return feedforward == init ? null : s with { Init = feedforward };
    }
}
