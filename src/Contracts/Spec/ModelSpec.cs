using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace GradientService.Contracts.Spec;

/// <summary>
/// The network, one record per <see cref="Spec.Architecture"/>: the JSON member "architecture" picks the record (mlp when
/// it is missing, anywhere in the object; see <see cref="SpecJson"/>), and a field of another architecture is an unknown
/// field. Members here are the ones every architecture has: layers of hidden units with a nonlinearity.
/// </summary>
[Description("mlp: plain stack; residual-mlp: h ← h + F(h), an identity path that carries the gradient through any depth; rnn, lstm, gru: recurrent nets trained by backpropagation through time (LSTM/GRU gates keep error flowing across long lags); cnn: 2-D convolutional nets on images, plain or ResNet blocks; transformer: an encoder of self-attention and feed-forward sublayers with layer norm before (pre-LN) or after (post-LN) each residual addition.")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "architecture", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(MlpSpec), "mlp")]
[JsonDerivedType(typeof(ResidualMlpSpec), "residual-mlp")]
[JsonDerivedType(typeof(RnnSpec), "rnn")]
[JsonDerivedType(typeof(LstmSpec), "lstm")]
[JsonDerivedType(typeof(GruSpec), "gru")]
[JsonDerivedType(typeof(CnnSpec), "cnn")]
[JsonDerivedType(typeof(TransformerSpec), "transformer")]
public abstract record ModelSpec
{
    protected ModelSpec(Architecture architecture) => Architecture = architecture;

    // The shared members are written first (order −1), then the architecture's own.

    /// <summary>The record's architecture (written and read as the JSON discriminator "architecture").</summary>
    [JsonIgnore]
    public Architecture Architecture { get; }

    /// <summary>Hidden layers (feedforward) or stacked recurrent layers; 1 … <see cref="Limits.MaxDepth"/>.</summary>
    [Range(1, Limits.MaxDepth)]
    [Description("Hidden layers (or stacked recurrent layers). The gradient is a product of one factor per layer, so it shrinks or grows geometrically with depth.")]
    [JsonPropertyOrder(-1)]
    public int Depth { get; init; } = 4;

    /// <summary>Units per hidden layer (the hidden size of a recurrent layer); 1 … <see cref="Limits.MaxWidth"/>.</summary>
    [Range(1, Limits.MaxWidth)]
    [Description("Units per hidden layer. Mean-field theory (χ) holds for wide layers; narrow ones add noise to the per-layer gain.")]
    [JsonPropertyOrder(-1)]
    public int Width { get; init; } = 64;

    /// <summary>φ of the hidden units; lstm and gru take tanh only (their gates are sigmoids).</summary>
    [Description("sigmoid: φ′ ≤ 1/4, gradients vanish fast with depth; tanh: φ′ ≤ 1, vanish when saturated; relu: φ′ ∈ {0, 1}, keeps the norm with He init but units can die; leaky-relu, elu, gelu, silu: smooth or leaky variants; identity: linear.")]
    [JsonPropertyOrder(-1)]
    public ActivationKind Activation { get; init; } = ActivationKind.Relu;

    /// <summary>Slope of leaky-relu for z &lt; 0; PyTorch's default 0.01.</summary>
    [Range(0, Limits.MaxLeakyReluSlope)]
    [ShownWhen("model.activation", "leaky-relu")]
    [Description("Slope for z < 0: keeps a small gradient through inactive units, so they cannot die.")]
    [JsonPropertyOrder(-1)]
    public double LeakyReluSlope { get; init; } = 0.01;

    /// <summary>α of elu for z &lt; 0; PyTorch's default 1.</summary>
    [Range(0, Limits.MaxEluAlpha)]
    [ShownWhen("model.activation", "elu")]
    [Description("ELU's saturation value for z → −∞.")]
    [JsonPropertyOrder(-1)]
    public double EluAlpha { get; init; } = 1.0;
}
