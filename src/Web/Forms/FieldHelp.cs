using GradientService.Contracts.Spec;

namespace GradientService.Web.Forms;

/// <summary>
/// What each spec field does to the gradients, its allowed range (the same <see cref="Limits"/> constants the Api's
/// validator checks) and when it applies. Fields not listed here still appear in the form, with their type only.
/// </summary>
public static class FieldHelp
{
    private static readonly Dictionary<string, string> Sections = new()
    {
        ["model"] = "The network. Depth and activation decide how many Jacobians diag(φ′)·W the gradient crosses and how much each one shrinks it.",
        ["init"] = "Starting weights. Their variance sets the per-layer gain χ = σ_w²·E[φ′(z)²]: below 1 the gradient vanishes with depth, above 1 it explodes.",
        ["data"] = "The task. Long-lag recurrent tasks (adding, copy, temporal order) need the gradient to survive many time steps.",
        ["optimizer"] = "How gradients become updates. Adaptive methods (RMSprop, Adam) and Rprop rescale per parameter, which hides small gradients' size but not their noise.",
        ["clipping"] = "Caps the gradient before the update, the standard remedy for exploding gradients (Pascanu et al. 2013).",
        ["training"] = "The step loop: loss, batch, number of steps, evaluation and the seed that makes a run reproducible bit for bit.",
    };

    private static readonly Dictionary<string, string> Help = new()
    {
        ["model.architecture"] = "mlp: plain stack; residual-mlp: h ← h + F(h), an identity path that carries the gradient through any depth; rnn, lstm, gru: recurrent nets trained by backpropagation through time (LSTM/GRU gates keep error flowing across long lags).",
        ["model.depth"] = "Hidden layers (or stacked recurrent layers). The gradient is a product of one factor per layer, so it shrinks or grows geometrically with depth.",
        ["model.width"] = "Units per hidden layer. Mean-field theory (χ) holds for wide layers; narrow ones add noise to the per-layer gain.",
        ["model.widths"] = "Explicit widths per hidden layer, comma-separated (plain mlp only); overrides depth and width.",
        ["model.activation"] = "sigmoid: φ′ ≤ 1/4, gradients vanish fast with depth; tanh: φ′ ≤ 1, vanish when saturated; relu: φ′ ∈ {0, 1}, keeps the norm with He init but units can die; leaky-relu, elu, gelu, silu: smooth or leaky variants; identity: linear.",
        ["model.leakyReluSlope"] = "Slope for z < 0: keeps a small gradient through inactive units, so they cannot die.",
        ["model.eluAlpha"] = "ELU's saturation value for z → −∞.",
        ["model.normalization"] = "batch-norm: (x − μ_B)/√(σ_B² + ε) per feature over the batch; layer-norm: the same over one example's features. Both keep pre-activations in the steep part of the activation, so saturation stays low and the gradient reaches early layers.",
        ["model.normEpsilon"] = "ε in √(σ² + ε): keeps the division finite for features with tiny variance.",
        ["model.normMomentum"] = "Weight of the newest batch in batch norm's running statistics (used for evaluation).",
        ["model.blockSize"] = "Layers inside each residual block F (1 or 2).",
        ["model.output"] = "Recurrent nets: read the output from the last time step (gradient must travel back through all of them) or from every step.",
        ["model.bpttLength"] = "Truncated backpropagation through time: the gradient stops after this many steps (a cap on the lag it can learn). Empty = the whole sequence.",
        ["model.forgetBias"] = "LSTM forget-gate bias at start: 1 keeps f ≈ 0.73, so the cell carries error across long lags from the first step (Gers et al. 2000).",
        ["init.scheme"] = "standard U(±1/√fan_in): shrinks with depth; xavier: var 2/(fan_in+fan_out), right for tanh; he: var 2/fan_in, keeps χ = 1 for ReLU; lecun: var 1/fan_in (SELU-style); orthogonal: all singular values = gain, norm-preserving; kumar / yilmaz-poli: for logistic units; normal: N(mean, std²) as given.",
        ["init.gain"] = "Multiplier of the orthogonal and identity schemes: the per-layer gain of a linear net.",
        ["init.mean"] = "Mean of the normal scheme.",
        ["init.std"] = "Std of the normal scheme: too small and the signal (and gradient) dies out with depth, too large and it explodes.",
        ["init.bias"] = "Every bias starts here. σ_b > 0 moves the order–chaos boundary of mean-field theory.",
        ["init.recurrentScheme"] = "Scheme of the recurrent matrix W_hh (empty = same as the scheme above). orthogonal or identity (IRNN) start at σ_max = gain.",
        ["init.spectralRadius"] = "Rescale W_hh to this largest |eigenvalue|. Above 1 the recurrent state (and gradient) tends to explode, below 1 to vanish.",
        ["init.maxSingularValue"] = "Rescale W_hh to this σ_max. With γ = sup|φ′|, γ·σ_max < 1 guarantees vanishing gradients over time (Pascanu et al. 2013).",
        ["data.kind"] = "Feedforward sets: moons, circles, two-spirals, gaussian-blobs, parity, teacher (a random deep net labels the data), sine, mnist (shipped 10,000 digits), csv. Recurrent tasks: adding, copy, temporal-order, sequential-parity, csv-sequences.",
        ["data.samples"] = "Examples generated (train + test).",
        ["data.testFraction"] = "Share held out for evaluation.",
        ["data.noise"] = "Noise std added to the inputs (or targets).",
        ["data.classes"] = "Classes (gaussian-blobs) or outputs (teacher).",
        ["data.dimensions"] = "Input dimensions (gaussian-blobs, teacher).",
        ["data.bits"] = "Bits per parity example: the label depends on every bit, a hard credit-assignment problem.",
        ["data.teacherDepth"] = "Hidden layers of the random teacher net.",
        ["data.teacherWidth"] = "Width of the random teacher net.",
        ["data.regression"] = "Teacher: regress its outputs instead of classifying their arg-max.",
        ["data.sequenceLength"] = "Time steps T of a recurrent task: the lag across which the gradient must carry the error.",
        ["data.csv"] = "CSV text: a header row, numeric feature columns and a label column.",
        ["data.labelColumn"] = "Name of the label column (default: the last).",
        ["data.sequenceColumn"] = "csv-sequences: the sequence id column.",
        ["data.timeColumn"] = "csv-sequences: the time index column.",
        ["optimizer.kind"] = "sgd: η·g, the gradient's size is the step's size, so vanishing gradients mean frozen layers; momentum: accumulates past steps; rmsprop, adam, adamw: divide by a running RMS of g (per-parameter scale); rprop: uses only the sign of g (Riedmiller & Braun 1993), immune to its magnitude.",
        ["optimizer.learningRate"] = "η. Too large with exploding gradients and the loss diverges to NaN.",
        ["optimizer.weightDecay"] = "L2 penalty λ (adamw: decoupled decay).",
        ["optimizer.momentum"] = "μ in v ← μv + g.",
        ["optimizer.nesterov"] = "Nesterov's look-ahead.",
        ["optimizer.beta1"] = "Adam's β₁: averaging of g.",
        ["optimizer.beta2"] = "Adam's β₂: averaging of g²; the step is ≈ η·m/√v, roughly η whatever g's scale.",
        ["optimizer.alpha"] = "RMSprop's smoothing of g².",
        ["optimizer.epsilon"] = "ε in the denominator: bounds the step when g² is tiny.",
        ["optimizer.etaMinus"] = "Rprop: shrink factor when g changed sign.",
        ["optimizer.etaPlus"] = "Rprop: growth factor when g kept its sign.",
        ["optimizer.stepSizeMin"] = "Rprop: smallest step.",
        ["optimizer.stepSizeMax"] = "Rprop: largest step.",
        ["optimizer.schedule"] = "none, step (η × γ every N steps) or cosine decay.",
        ["optimizer.stepEvery"] = "Step schedule: steps between decays.",
        ["optimizer.stepGamma"] = "Step schedule: the decay factor γ.",
        ["optimizer.minLearningRate"] = "Cosine schedule: η at the end.",
        ["clipping.mode"] = "global-norm: g ← g·min(1, τ/‖g‖), keeps the direction; value: clamp each entry to ±c (changes the direction); per-layer-norm: each layer's norm capped separately.",
        ["clipping.threshold"] = "τ (norm modes) or c (value mode). Steps whose ‖g‖ exceeds it are clipping events, marked on the charts.",
        ["training.loss"] = "cross-entropy for classes, mse for regression, bce for binary outputs.",
        ["training.batchSize"] = "Examples per step: larger batches give less noisy gradients.",
        ["training.steps"] = "Training steps; every one is recorded.",
        ["training.evalEvery"] = "Evaluate on the held-out split every this many steps (0 = never).",
        ["training.seed"] = "Same spec and seed → bitwise the same run.",
        ["training.precision"] = "float32 (fast) or float64 (exact small gradients: float32 flushes values below ~1e-38 to zero).",
        ["training.timeLagEvery"] = "Recurrent nets: record the time-lag profile ‖∂L/∂h_t‖ every this many steps (0 = never).",
    };

    private static readonly Dictionary<string, (double? Min, double? Max)> Ranges = new()
    {
        ["model.depth"] = (1, Limits.MaxDepth),
        ["model.width"] = (1, Limits.MaxWidth),
        ["model.blockSize"] = (1, Limits.MaxBlockSize),
        ["model.bpttLength"] = (1, Limits.MaxSequenceLength),
        ["data.samples"] = (Limits.MinSamples, Limits.MaxSamples),
        ["data.testFraction"] = (Limits.MinTestFraction, Limits.MaxTestFraction),
        ["data.noise"] = (0, Limits.MaxNoise),
        ["data.classes"] = (2, Limits.MaxClasses),
        ["data.dimensions"] = (1, Limits.MaxInputFeatures),
        ["data.bits"] = (1, Limits.MaxBits),
        ["data.teacherDepth"] = (1, Limits.MaxTeacherDepth),
        ["data.teacherWidth"] = (1, Limits.MaxTeacherWidth),
        ["data.sequenceLength"] = (1, Limits.MaxSequenceLength),
        ["optimizer.learningRate"] = (0, Limits.MaxLearningRate),
        ["clipping.threshold"] = (0, Limits.MaxThreshold),
        ["training.batchSize"] = (1, Limits.MaxBatchSize),
        ["training.steps"] = (1, Limits.MaxSteps),
        ["training.evalEvery"] = (0, Limits.MaxSteps),
    };

    private static readonly string[] RecurrentArchitectures = ["rnn", "lstm", "gru"];

    private static readonly Dictionary<string, FieldCondition> Conditions = new()
    {
        ["model.leakyReluSlope"] = new("model.activation", ["leaky-relu"]),
        ["model.eluAlpha"] = new("model.activation", ["elu"]),
        ["model.normEpsilon"] = new("model.normalization", ["batch-norm", "layer-norm"]),
        ["model.normMomentum"] = new("model.normalization", ["batch-norm"]),
        ["model.blockSize"] = new("model.architecture", ["residual-mlp"]),
        ["model.widths"] = new("model.architecture", ["mlp"]),
        ["model.output"] = new("model.architecture", RecurrentArchitectures),
        ["model.bpttLength"] = new("model.architecture", RecurrentArchitectures),
        ["model.forgetBias"] = new("model.architecture", ["lstm"]),
        ["init.gain"] = new("init.scheme", ["orthogonal", "identity"]),
        ["init.mean"] = new("init.scheme", ["normal"]),
        ["init.std"] = new("init.scheme", ["normal"]),
        ["init.recurrentScheme"] = new("model.architecture", RecurrentArchitectures),
        ["init.spectralRadius"] = new("model.architecture", RecurrentArchitectures),
        ["init.maxSingularValue"] = new("model.architecture", RecurrentArchitectures),
        ["data.classes"] = new("data.kind", ["gaussian-blobs", "teacher"]),
        ["data.dimensions"] = new("data.kind", ["gaussian-blobs", "teacher"]),
        ["data.bits"] = new("data.kind", ["parity"]),
        ["data.teacherDepth"] = new("data.kind", ["teacher"]),
        ["data.teacherWidth"] = new("data.kind", ["teacher"]),
        ["data.regression"] = new("data.kind", ["teacher"]),
        ["data.sequenceLength"] = new("data.kind", ["adding", "copy", "temporal-order", "sequential-parity"]),
        ["data.csv"] = new("data.kind", ["csv", "csv-sequences"]),
        ["data.labelColumn"] = new("data.kind", ["csv", "csv-sequences"]),
        ["data.sequenceColumn"] = new("data.kind", ["csv-sequences"]),
        ["data.timeColumn"] = new("data.kind", ["csv-sequences"]),
        ["optimizer.momentum"] = new("optimizer.kind", ["momentum"]),
        ["optimizer.nesterov"] = new("optimizer.kind", ["momentum"]),
        ["optimizer.beta1"] = new("optimizer.kind", ["adam", "adamw"]),
        ["optimizer.beta2"] = new("optimizer.kind", ["adam", "adamw"]),
        ["optimizer.alpha"] = new("optimizer.kind", ["rmsprop"]),
        ["optimizer.epsilon"] = new("optimizer.kind", ["adam", "adamw", "rmsprop"]),
        ["optimizer.etaMinus"] = new("optimizer.kind", ["rprop"]),
        ["optimizer.etaPlus"] = new("optimizer.kind", ["rprop"]),
        ["optimizer.stepSizeMin"] = new("optimizer.kind", ["rprop"]),
        ["optimizer.stepSizeMax"] = new("optimizer.kind", ["rprop"]),
        ["optimizer.stepEvery"] = new("optimizer.schedule", ["step"]),
        ["optimizer.stepGamma"] = new("optimizer.schedule", ["step"]),
        ["optimizer.minLearningRate"] = new("optimizer.schedule", ["cosine"]),
        ["clipping.threshold"] = new("clipping.mode", ["global-norm", "value", "per-layer-norm"]),
        ["training.timeLagEvery"] = new("model.architecture", RecurrentArchitectures),
    };

    public static string Section(string name) => Sections.GetValueOrDefault(name, "");

    public static string For(string path) => Help.GetValueOrDefault(path, "");

    public static (double? Min, double? Max) Range(string path) => Ranges.GetValueOrDefault(path, (null, null));

    public static FieldCondition? Condition(string path) => Conditions.GetValueOrDefault(path);

    public static bool IsLongText(string path) => path == "data.csv";
}
