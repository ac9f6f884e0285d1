using System.Text.RegularExpressions;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Theory;

namespace GradientService.Core.Diagnosis;

/// <summary>
/// A run's diagnosis from its spec, episodes, a few probes and the theory (<see cref="DiagnosisInput"/>): the findings
/// worst first (one per episode kind, by <see cref="FindingRules"/>), the verdict and summary, the gradient across depth
/// (measured beside predicted), the recurrent bound, and the remedies ranked by the findings.
/// </summary>
public static partial class Diagnoser
{
    /// <summary>Theory caveats under which the exponential depth profile does not hold at all: no predicted number is given.</summary>

    public static RunDiagnosis Diagnose(DiagnosisInput input)
    {
        var findings = Findings(input);
        var remedies = Remedies(input.Spec, findings);
        var worst = findings.FirstOrDefault(f => f.Severity >= FindingSeverity.Warning);
        var verdict = worst is null ? DiagnosisVerdict.Healthy : FindingRules.Of(worst.Kind)!.Verdict; // findings come from the table
        var depth = input.Spec.Model is not RecurrentSpec ? Depth(input) : null;
        var recurrent = input.Spec.Model is RecurrentSpec model && input.Recurrent is { } measured ? Recurrent(model, measured) : null;
        return new RunDiagnosis(verdict, Summary(input, worst, depth, remedies), input.AtStep, input.Final, findings, depth, recurrent, remedies);
    }

    /// <summary>One finding per episode kind with a rule, worst first (severity, then the table's order).</summary>
    public static IReadOnlyList<DiagnosisFinding> Findings(DiagnosisInput input) =>
    [
        .. input.Episodes.GroupBy(e => e.Kind)
            .Where(g => FindingRules.Of(g.Key) is not null)
            .Select(g => Finding(g.Key, FindingRules.Of(g.Key)!, new FindingFacts(input, [.. g.OrderBy(e => e.FirstStep)])))
            .OrderByDescending(f => f.Severity).ThenBy(f => FindingRules.Rank(f.Kind)),
    ];

    /// <summary>The remedies of the findings, worst finding's first, each once, those that apply to <paramref name="spec"/>.</summary>
    public static IReadOnlyList<RemedySuggestion> Remedies(RunSpec spec, IReadOnlyList<DiagnosisFinding> findings)
    {
        var ids = findings.SelectMany(f => FindingRules.Of(f.Kind)!.Remedies).Distinct();
        return [.. ids.Select(id => RemedyCatalog.Find(id)?.Suggest(spec)).OfType<RemedySuggestion>()];
    }

    private static DiagnosisFinding Finding(string kind, FindingRule rule, FindingFacts facts) => new(
        kind, rule.SeverityOf(facts), rule.Title(facts), rule.Detail(facts), rule.Cause(facts.Input), facts.FirstStep, facts.LastStep,
        kind == EpisodeKinds.Vanishing && facts.DeepestLayer is { } deepest ? [.. Enumerable.Range(1, deepest)] : facts.Layers,
        rule.Value(facts));

    /// <summary>
    /// Measured: the geometric-mean factor of ‖δ‖ per layer across the hidden layers at step 1 and the decades of ‖∂L/∂W‖
    /// from the last hidden layer to the first at the newest step. Predicted: the factor and the decades the theory expects
    /// the probes to read at step 1 (over the batch, at the run's width), left out where a caveat says the profile does not apply.
    /// </summary>
    public static DepthDiagnosis Depth(DiagnosisInput input)
    {
        var theory = input.Theory;
        var applies = theory is not null && Causes.Applies(theory);
        double? predictedDecades = applies ? theory!.Layers[0].ExpectedLog10WeightGradRatio : null;
        double? predictedFactor = applies && theory!.Depth >= 2 ? Math.Pow(10, theory.Layers[0].ExpectedLog10DeltaRatio / (theory.Depth - 1)) : null;
        var delta = Log10Ratio(input.FirstStepDelta);
        double? measuredFactor = delta is { } d ? Math.Pow(10, d.Decades / (d.Hidden - 1)) : null;
        return new DepthDiagnosis(
            measuredFactor, predictedFactor, Log10Ratio(input.NewestWeightGrad)?.Decades, predictedDecades,
            applies ? theory!.Phase : null, applies ? theory!.GradientDepthScale : null, theory?.Caveats ?? SpecTheory.Outside(input.Spec.Model));
    }

    /// <summary>log₁₀(v_1/v_H) over the hidden layers (every linear layer but the read-out, the last); null unless both are positive and H ≥ 2.</summary>
    private static (double Decades, int Hidden)? Log10Ratio(IReadOnlyList<double?>? perLayer)
    {
        if (perLayer is null || perLayer.Count < 3) return null;
        var hidden = perLayer.Count - 1;
        if (perLayer[0] is not { } first || perLayer[hidden - 1] is not { } last || !(first > 0) || !(last > 0)
            || !double.IsFinite(first) || !double.IsFinite(last)) return null;
        return (Math.Log10(first / last), hidden);
    }

    /// <summary>γ, σ_max, γ·σ_max and the condition; the measured decades per time step from the earliest positive ‖∂L/∂h_t‖ to ‖∂L/∂h_T‖.</summary>
    public static RecurrentDiagnosis Recurrent(RecurrentSpec model, RecurrentMeasurement measured)
    {
        var gamma = RecurrentBound.Gamma(model);
        double? perStep = null;
        if (measured.TimeLag is { Count: >= 2 } lag && lag[^1] > 0 && double.IsFinite(lag[^1]))
        {
            // From the earliest t whose norm is still positive: a profile that underflowed to 0 far back has no finite ratio.
            var first = 0;
            while (first < lag.Count - 1 && !(lag[first] > 0 && double.IsFinite(lag[first]))) first++;
            if (first < lag.Count - 1) perStep = Math.Log10(lag[first] / lag[^1]) / (lag.Count - 1 - first);
        }
        return new RecurrentDiagnosis(gamma, measured.SigmaMax, gamma * measured.SigmaMax, RecurrentBound.Condition(gamma, measured.SigmaMax), perStep);
    }

    private static string Summary(DiagnosisInput input, DiagnosisFinding? worst, DepthDiagnosis? depth, IReadOnlyList<RemedySuggestion> remedies)
    {
        if (worst is null)
        {
            var span = input.Final ? $"in its {FindingFacts.I(input.AtStep)} steps" : $"so far (step {FindingFacts.I(input.AtStep)})";
            var factor = depth?.MeasuredFactor is { } m
                ? $" At step {FindingFacts.I(FirstTrainingStep(input.Spec))} ‖δ‖ changed by {Causes.F(m)} per layer towards the input{(depth.PredictedFactor is { } p ? $" (theory: {Causes.F(p)})" : "")}."
                : "";
            return $"Healthy: no gradient problem found {span}.{factor}{Causes.Pretraining(input)}";
        }
        var cause = SentenceEnd().Split(worst.Cause, 2)[0].TrimEnd('.');
        var next = remedies.Count > 0 ? $" First remedy to try: {remedies[0].Title}." : "";
        return $"{worst.Title}. Likely cause: {cause}.{next}{Causes.Pretraining(input)}";
    }

    /// <summary>The first step trained by backprop on the task: 1, or the first fine-tuning step of a pretraining run (the detectors start there).</summary>
    public static int FirstTrainingStep(RunSpec spec) => spec.Pretraining.Steps(PretrainingSpec.DepthOf(spec.Model)) + 1;

    /// <summary>A full stop that ends a sentence (not the one of "et al.").</summary>
    [GeneratedRegex(@"(?<!\bal)\.\s+(?=[A-Z])")]
    private static partial Regex SentenceEnd();
}
