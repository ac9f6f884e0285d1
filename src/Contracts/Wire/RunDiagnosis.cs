using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GradientService.Contracts.Wire;

/// <summary>
/// What is wrong with a run's gradients, why, what theory predicted, and what to try: computed from the run's spec, its
/// episodes and its recorded probes, live (<see cref="Final"/> false, up to <see cref="AtStep"/>) and once finished.
/// </summary>
/// <param name="Verdict">The headline condition (the worst finding's kind), or healthy.</param>
/// <param name="Summary">One or two sentences a user reads first.</param>
/// <param name="AtStep">The newest recorded step the diagnosis covers.</param>
/// <param name="Final">True once the run has finished (completed, diverged, failed or cancelled).</param>
/// <param name="Findings">What happened, worst first, each with its numbers and likely cause.</param>
/// <param name="Depth">The gradient across depth: measured and predicted per-layer factor (feedforward nets; null for recurrent).</param>
/// <param name="Recurrent">The recurrent bound (recurrent nets; null for feedforward).</param>
/// <param name="Remedies">What to try, best first; each can be run with one click (POST /api/runs/{id}/remedies/{remedy}).</param>
public sealed record RunDiagnosis(
    DiagnosisVerdict Verdict,
    string Summary,
    int AtStep,
    bool Final,
    IReadOnlyList<DiagnosisFinding> Findings,
    DepthDiagnosis? Depth,
    RecurrentDiagnosis? Recurrent,
    IReadOnlyList<RemedySuggestion> Remedies);

/// <summary>One thing that happened.</summary>
/// <param name="Kind">An <see cref="EpisodeKinds"/> value.</param>
/// <param name="Severity">How much it matters for learning.</param>
/// <param name="Title">E.g. "Vanishing gradient from layer 7 down".</param>
/// <param name="Detail">The measured numbers in words (decades, steps, shares, layers).</param>
/// <param name="Cause">The likely cause in the domain's terms (activation's maximal slope, init gain, depth, σ_max, learning rate).</param>
/// <param name="FirstStep">First step it was seen.</param>
/// <param name="LastStep">Last step it was seen.</param>
/// <param name="Layers">Layers concerned (1-based), empty for the whole net.</param>
/// <param name="Value">The headline number (vanishing: decades; clipping: share of steps; dead units: largest share …).</param>
public sealed record DiagnosisFinding(
    string Kind, FindingSeverity Severity, string Title, string Detail, string Cause, int FirstStep, int LastStep, IReadOnlyList<int> Layers, double? Value);

/// <summary>
/// The gradient across depth of a feedforward net: the per-layer factor of ‖δ‖ measured at step 1 and predicted by
/// mean-field theory, and how many decades separate the first layer from the last.
/// </summary>
/// <param name="MeasuredFactor">(‖δ_1‖/‖δ_D‖)^(1/(D−1)) at step 1: the geometric-mean factor per layer towards the input.</param>
/// <param name="PredictedFactor">The same factor the theory expects at step 1 (√χ deep in a wide net), null where the theory does not apply (see Caveats).</param>
/// <param name="MeasuredDecades">log₁₀(‖∂L/∂W_1‖/‖∂L/∂W_D‖) at the newest step (negative: the first layer gets less).</param>
/// <param name="PredictedDecades">log₁₀(‖∂L/∂W_1‖/‖∂L/∂W_D‖) the theory expects at step 1 (over the batch, at the run's width).</param>
/// <param name="Phase">The theory's phase: ordered (vanishing), edge or chaotic (exploding).</param>
/// <param name="GradientDepthScale">ξ_∇ of the theory.</param>
/// <param name="Caveats">Where the theory does not hold for this net.</param>
public sealed record DepthDiagnosis(
    double? MeasuredFactor, double? PredictedFactor, double? MeasuredDecades, double? PredictedDecades, TheoryPhase? Phase,
    double? GradientDepthScale, IReadOnlyList<TheoryCaveat> Caveats);

/// <summary>
/// The recurrent bound ‖∂h_T/∂h_t‖ ≤ (γ·σ_max(W_hh))^(T−t) (Pascanu, Mikolov &amp; Bengio 2013): γ·σ_max &lt; 1 is sufficient
/// for vanishing over time, &gt; 1 necessary for exploding.
/// </summary>
/// <param name="Gamma">γ = sup|φ′| of the cell's activation (1/4 sigmoid, 1 tanh and relu).</param>
/// <param name="SigmaMax">σ_max(W_hh) of the first recurrent layer at the newest measured step.</param>
/// <param name="BoundFactor">γ·σ_max.</param>
/// <param name="Condition">The Pascanu et al. condition this net meets, in words.</param>
/// <param name="MeasuredDecadesPerStep">log₁₀ of the measured time-lag profile's per-step factor (‖∂L/∂h_1‖/‖∂L/∂h_T‖)^(1/(T−1)), null until measured.</param>
public sealed record RecurrentDiagnosis(double Gamma, double SigmaMax, double BoundFactor, string Condition, double? MeasuredDecadesPerStep);

/// <summary>
/// A remedy from the literature, ranked for this run. <see cref="Changes"/> is the JSON merge patch (RFC 7386) its try-it
/// run applies to the parent's spec: the child differs from the parent in exactly these fields.
/// </summary>
/// <param name="Id">Stable id, e.g. "relu-he", used in POST /api/runs/{id}/remedies/{remedy}.</param>
/// <param name="Title">E.g. "ReLU with He init".</param>
/// <param name="Why">One line: why it helps here.</param>
/// <param name="Source">The paper (and figure) that shows it.</param>
/// <param name="Changes">The spec fields it changes, as a merge patch.</param>
public sealed record RemedySuggestion(string Id, string Title, string Why, string Source, JsonObject Changes);

[JsonConverter(typeof(JsonStringEnumConverter<DiagnosisVerdict>))]
public enum DiagnosisVerdict
{
    [JsonStringEnumMemberName("healthy")] Healthy,
    [JsonStringEnumMemberName("vanishing")] Vanishing,
    [JsonStringEnumMemberName("exploding")] Exploding,
    [JsonStringEnumMemberName("diverged")] Diverged,
    [JsonStringEnumMemberName("saturated")] Saturated,
    [JsonStringEnumMemberName("dead-units")] DeadUnits,
    [JsonStringEnumMemberName("stalled")] Stalled,
}

[JsonConverter(typeof(JsonStringEnumConverter<FindingSeverity>))]
public enum FindingSeverity
{
    /// <summary>Worth knowing; learning goes on.</summary>
    [JsonStringEnumMemberName("info")] Info,
    /// <summary>Slows or harms learning.</summary>
    [JsonStringEnumMemberName("warning")] Warning,
    /// <summary>Stops learning (or the run).</summary>
    [JsonStringEnumMemberName("critical")] Critical,
}
