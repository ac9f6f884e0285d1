using System.Text.Json.Serialization;

namespace GradientService.Contracts.Wire;

/// <summary>
/// Mean-field theory of a feedforward net at initialisation (Poole et al. 2016; Schoenholz et al. 2017): what it predicts
/// for the signal and the gradient across depth before the first step.
/// </summary>
/// <param name="Activation">φ, by its wire name.</param>
/// <param name="WeightVariance">σ_w² = fan_in · Var(W).</param>
/// <param name="BiasVariance">σ_b²: the bias's contribution to each pre-activation's variance.</param>
/// <param name="BiasMean">A constant bias b (every unit's bias starts at b); 0 for the Gaussian-bias theory.</param>
/// <param name="Depth">Hidden layers D.</param>
/// <param name="Width">Units per hidden layer.</param>
/// <param name="Batch">Examples per step: the expected profiles are of norms over a batch this size.</param>
/// <param name="InputSecondMoment">q₀: the mean square of the first layer's inputs, scaled to the hidden layers' σ_w² (q₁ = σ_w² q₀ + σ_b² + b²).</param>
/// <param name="FixedPointQ">q*, the pre-activations' second moment deep in the net; null when q grows without bound.</param>
/// <param name="Chi">χ₁ at q*: the factor by which ‖δ‖² shrinks (χ &lt; 1) or grows (χ &gt; 1) per layer once q has settled.</param>
/// <param name="GradientDepthScale">ξ_∇ = −1/ln χ₁ (the gradient changes by e over ξ_∇ layers); null at exactly χ₁ = 1.</param>
/// <param name="FixedPointCorrelation">c*: the correlation two inputs' pre-activations reach deep in the net (1 in the ordered phase); null when q grows without bound.</param>
/// <param name="CorrelationDepthScale">ξ_c = −1/ln χ_c, χ_c the slope of the correlation map at c*; the depth over which inputs stay distinguishable (nets train up to ≈ 6 ξ_c); null when χ_c = 1.</param>
/// <param name="Phase">ordered (vanishing), chaotic (exploding) or edge.</param>
/// <param name="EdgeTolerance">The phase is "edge" when |χ₁ − 1| is below this.</param>
/// <param name="Layers">Per hidden layer, input side first: q_l, χ_l, the predicted ‖δ_l‖/‖δ_D‖ and what the probes are expected to read.</param>
/// <param name="Caveats">Where the prediction does not hold for this net, and why.</param>
public sealed record TheoryReport(
    string Activation, double WeightVariance, double BiasVariance, double BiasMean, int Depth, int Width, int Batch, double InputSecondMoment,
    double? FixedPointQ, double Chi, double? GradientDepthScale, double? FixedPointCorrelation, double? CorrelationDepthScale,
    TheoryPhase Phase, double EdgeTolerance, IReadOnlyList<TheoryLayer> Layers, IReadOnlyList<TheoryCaveat> Caveats);

/// <summary>One hidden layer's prediction.</summary>
/// <param name="Layer">1 … D, input side first.</param>
/// <param name="Q">q_l: second moment of the layer's pre-activations.</param>
/// <param name="Chi">χ_l = σ_w² E[φ′(h_l)²]: ‖δ_l‖² / ‖δ_{l+1}‖² (the last layer's factor is toward the read-out).</param>
/// <param name="Log10DeltaRatio">log₁₀(‖δ_l‖/‖δ_D‖) = ½ Σ_{k=l}^{D−1} log₁₀ χ_k: one example, infinite width.</param>
/// <param name="ExpectedLog10DeltaRatio">What the probe is expected to read at step 1: log₁₀(‖δ_l‖/‖δ_D‖) of norms over the
/// batch at this width, the mean over draws of the weights (the examples' spread at finite width lifts a batch's ratio above one example's).</param>
/// <param name="ExpectedLog10WeightGradRatio">The same for log₁₀(‖∂L/∂W_l‖/‖∂L/∂W_D‖): ‖∂L/∂W_l‖² = Σ_{a,b}(δ_l^a·δ_l^b)(h_{l−1}^a·h_{l−1}^b),
/// whose pairs of examples weigh in as their activations and errors correlate (Poole et al. 2016's c map); null where the inputs
/// have too few features for every pair to sit at their mean correlation (caveat "few-input-features").</param>
public sealed record TheoryLayer(int Layer, double Q, double Chi, double Log10DeltaRatio, double ExpectedLog10DeltaRatio, double? ExpectedLog10WeightGradRatio);

/// <summary>
/// A condition under which the prediction does not hold; <c>Code</c> is stable, <c>Message</c> says what is known instead.
/// <c>Voids</c>: the exponential profile does not describe this net at all (residual blocks, normalisation, identity
/// weights), so no predicted number or line is shown; otherwise the caveat qualifies the prediction (finite width, input).
/// </summary>
public sealed record TheoryCaveat(string Code, string Message, bool Voids = false);

[JsonConverter(typeof(JsonStringEnumConverter<TheoryPhase>))]
public enum TheoryPhase
{
    /// <summary>χ₁ &lt; 1: gradients vanish exponentially with depth, inputs' representations converge.</summary>
    [JsonStringEnumMemberName("ordered")] Ordered,
    /// <summary>|χ₁ − 1| within the tolerance: gradients neither vanish nor explode over the depths the product allows.</summary>
    [JsonStringEnumMemberName("edge")] Edge,
    /// <summary>χ₁ &gt; 1: gradients explode exponentially with depth, nearby inputs decorrelate.</summary>
    [JsonStringEnumMemberName("chaotic")] Chaotic,
}
