using System.Text.Json.Serialization;

namespace GradientService.Contracts.Spec;

// Wire names are kebab-case; each enum is serialised by name, never by number.

[JsonConverter(typeof(JsonStringEnumConverter<Architecture>))]
public enum Architecture
{
    [JsonStringEnumMemberName("mlp")] Mlp,
    [JsonStringEnumMemberName("residual-mlp")] ResidualMlp,
    [JsonStringEnumMemberName("rnn")] Rnn,
    [JsonStringEnumMemberName("lstm")] Lstm,
    [JsonStringEnumMemberName("gru")] Gru,
    [JsonStringEnumMemberName("cnn")] Cnn,
    [JsonStringEnumMemberName("transformer")] Transformer,
}

[JsonConverter(typeof(JsonStringEnumConverter<ActivationKind>))]
public enum ActivationKind
{
    [JsonStringEnumMemberName("sigmoid")] Sigmoid,
    [JsonStringEnumMemberName("tanh")] Tanh,
    [JsonStringEnumMemberName("relu")] Relu,
    [JsonStringEnumMemberName("leaky-relu")] LeakyRelu,
    [JsonStringEnumMemberName("gelu")] Gelu,
    [JsonStringEnumMemberName("silu")] Silu,
    [JsonStringEnumMemberName("elu")] Elu,
    [JsonStringEnumMemberName("identity")] Identity,
}

[JsonConverter(typeof(JsonStringEnumConverter<InitScheme>))]
public enum InitScheme
{
    [JsonStringEnumMemberName("standard")] Standard,
    [JsonStringEnumMemberName("xavier-uniform")] XavierUniform,
    [JsonStringEnumMemberName("xavier-normal")] XavierNormal,
    [JsonStringEnumMemberName("he-uniform")] HeUniform,
    [JsonStringEnumMemberName("he-normal")] HeNormal,
    [JsonStringEnumMemberName("lecun-normal")] LecunNormal,
    [JsonStringEnumMemberName("orthogonal")] Orthogonal,
    [JsonStringEnumMemberName("kumar")] Kumar,
    [JsonStringEnumMemberName("yilmaz-poli")] YilmazPoli,
    [JsonStringEnumMemberName("normal")] Normal,
    /// <summary>N(0, σ_w²/fan_in) with σ_w² = <see cref="InitSpec.WeightVariance"/>: mean-field theory's parameterisation (Poole et al. 2016).</summary>
    [JsonStringEnumMemberName("scaled-normal")] ScaledNormal,
    /// <summary>Identity matrix (times gain); recurrent weights only (IRNN, Le, Jaitly &amp; Hinton 2015).</summary>
    [JsonStringEnumMemberName("identity")] Identity,
}

[JsonConverter(typeof(JsonStringEnumConverter<Normalization>))]
public enum Normalization
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("batch-norm")] BatchNorm,
    [JsonStringEnumMemberName("layer-norm")] LayerNorm,
}

[JsonConverter(typeof(JsonStringEnumConverter<LossKind>))]
public enum LossKind
{
    [JsonStringEnumMemberName("cross-entropy")] CrossEntropy,
    [JsonStringEnumMemberName("mse")] Mse,
    [JsonStringEnumMemberName("bce")] Bce,
    /// <summary>Sigmoid outputs, cross-entropy summed over the outputs and averaged over the batch (Nielsen, ch. 3, eq. 63).</summary>
    [JsonStringEnumMemberName("bce-sum")] BceSum,
    /// <summary>Sigmoid outputs, the quadratic cost ½‖y − a‖² averaged over the batch (Nielsen, ch. 1, eq. 6).</summary>
    [JsonStringEnumMemberName("quadratic")] Quadratic,
}

[JsonConverter(typeof(JsonStringEnumConverter<OptimizerKind>))]
public enum OptimizerKind
{
    [JsonStringEnumMemberName("sgd")] Sgd,
    [JsonStringEnumMemberName("momentum")] Momentum,
    [JsonStringEnumMemberName("rmsprop")] RmsProp,
    [JsonStringEnumMemberName("adam")] Adam,
    [JsonStringEnumMemberName("adamw")] AdamW,
    [JsonStringEnumMemberName("rprop")] Rprop,
}

[JsonConverter(typeof(JsonStringEnumConverter<ScheduleKind>))]
public enum ScheduleKind
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("step")] Step,
    [JsonStringEnumMemberName("cosine")] Cosine,
}

[JsonConverter(typeof(JsonStringEnumConverter<ClippingMode>))]
public enum ClippingMode
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("global-norm")] GlobalNorm,
    [JsonStringEnumMemberName("value")] Value,
    [JsonStringEnumMemberName("per-layer-norm")] PerLayerNorm,
}

[JsonConverter(typeof(JsonStringEnumConverter<Precision>))]
public enum Precision
{
    [JsonStringEnumMemberName("float32")] Float32,
    [JsonStringEnumMemberName("float64")] Float64,
}

[JsonConverter(typeof(JsonStringEnumConverter<DatasetKind>))]
public enum DatasetKind
{
    [JsonStringEnumMemberName("moons")] Moons,
    [JsonStringEnumMemberName("circles")] Circles,
    [JsonStringEnumMemberName("two-spirals")] TwoSpirals,
    [JsonStringEnumMemberName("gaussian-blobs")] GaussianBlobs,
    [JsonStringEnumMemberName("parity")] Parity,
    [JsonStringEnumMemberName("teacher")] Teacher,
    [JsonStringEnumMemberName("sine")] Sine,
    [JsonStringEnumMemberName("mnist")] Mnist,
    [JsonStringEnumMemberName("csv")] Csv,
    [JsonStringEnumMemberName("adding")] Adding,
    [JsonStringEnumMemberName("copy")] Copy,
    [JsonStringEnumMemberName("temporal-order")] TemporalOrder,
    [JsonStringEnumMemberName("sequential-parity")] SequentialParity,
    [JsonStringEnumMemberName("csv-sequences")] CsvSequences,
    [JsonStringEnumMemberName("bars")] Bars,
    [JsonStringEnumMemberName("text")] Text,
}

[JsonConverter(typeof(JsonStringEnumConverter<OutputMode>))]
public enum OutputMode
{
    /// <summary>The read-out sees the last time step only.</summary>
    [JsonStringEnumMemberName("last")] Last,
    /// <summary>The read-out labels every time step (sequence labelling).</summary>
    [JsonStringEnumMemberName("every")] Every,
}

[JsonConverter(typeof(JsonStringEnumConverter<BiasDistribution>))]
public enum BiasDistribution
{
    /// <summary>N(bias, σ_b²).</summary>
    [JsonStringEnumMemberName("normal")] Normal,
    /// <summary>U(bias − √(3σ_b²), bias + √(3σ_b²)): the uniform distribution of mean bias and variance σ_b².</summary>
    [JsonStringEnumMemberName("uniform")] Uniform,
}

/// <summary>How a run turns a batch into new weights (src/Core/Training/Methods).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrainingMethod>))]
public enum TrainingMethod
{
    /// <summary>Gradient descent by back-propagation with the spec's optimizer and clipping.</summary>
    [JsonStringEnumMemberName("backprop")] Backprop,
    /// <summary>A genetic algorithm over the weight vector (RunSpec.Search): forward passes only.</summary>
    [JsonStringEnumMemberName("genetic")] Genetic,
    /// <summary>Antithetic evolution strategies with rank-shaped fitness (Salimans et al. 2017): forward passes only.</summary>
    [JsonStringEnumMemberName("evolution-strategy")] EvolutionStrategy,
}

[JsonConverter(typeof(JsonStringEnumConverter<OutputLayer>))]
public enum OutputLayer
{
    /// <summary>A C-way linear read-out (softmax under the cross-entropy loss).</summary>
    [JsonStringEnumMemberName("softmax")] Softmax,
    /// <summary>A balanced binary tree over the classes, one logistic unit per inner node (Morin &amp; Bengio 2005).</summary>
    [JsonStringEnumMemberName("hierarchical-softmax")] HierarchicalSoftmax,
}

[JsonConverter(typeof(JsonStringEnumConverter<PretrainingKind>))]
public enum PretrainingKind
{
    [JsonStringEnumMemberName("none")] None,
    /// <summary>Each hidden layer as an autoencoder's encoder (Bengio et al. 2007).</summary>
    [JsonStringEnumMemberName("autoencoder")] Autoencoder,
    /// <summary>Each hidden layer as a restricted Boltzmann machine trained by CD-k (Hinton, Osindero &amp; Teh 2006).</summary>
    [JsonStringEnumMemberName("rbm")] Rbm,
}

[JsonConverter(typeof(JsonStringEnumConverter<DecoderActivation>))]
public enum DecoderActivation
{
    /// <summary>x̂ = h·W + c: real-valued inputs (an rbm's Gaussian visible units, unit variance).</summary>
    [JsonStringEnumMemberName("identity")] Identity,
    /// <summary>x̂ = σ(h·W + c): inputs in [0, 1] (an rbm's Bernoulli visible units).</summary>
    [JsonStringEnumMemberName("sigmoid")] Sigmoid,
}

[JsonConverter(typeof(JsonStringEnumConverter<CnnBlock>))]
public enum CnnBlock
{
    /// <summary>conv → (batch norm) → activation, layer after layer.</summary>
    [JsonStringEnumMemberName("plain")] Plain,
    /// <summary>ResNet's basic block: act(bn(conv(act(bn(conv x)))) + shortcut(x)) (He et al. 2016).</summary>
    [JsonStringEnumMemberName("residual")] Residual,
}

[JsonConverter(typeof(JsonStringEnumConverter<NormPlacement>))]
public enum NormPlacement
{
    /// <summary>x = norm(x + F(x)): the original transformer (Vaswani et al. 2017), PyTorch's norm_first = false.</summary>
    [JsonStringEnumMemberName("post-ln")] PostLn,
    /// <summary>x = x + F(norm x): an identity path through every block (Xiong et al. 2020), norm_first = true.</summary>
    [JsonStringEnumMemberName("pre-ln")] PreLn,
}

[JsonConverter(typeof(JsonStringEnumConverter<ReadoutKind>))]
public enum ReadoutKind
{
    /// <summary>The head reads the last position.</summary>
    [JsonStringEnumMemberName("last")] Last,
    /// <summary>The head reads the mean over positions.</summary>
    [JsonStringEnumMemberName("mean")] Mean,
}
