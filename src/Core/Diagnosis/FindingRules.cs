using System.Globalization;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using static GradientService.Core.Diagnosis.Causes;
using static GradientService.Core.Diagnosis.RemedyCatalog;

namespace GradientService.Core.Diagnosis;

/// <summary>
/// How one kind of episode becomes a finding: its severity, the verdict it gives when it is the worst, its title, detail
/// and cause (built from the kind's episodes and the run), its headline value, and its remedies, best first.
/// <see cref="Transient"/>: when it holds, the episodes were a passing event, not the state of the run, and the finding
/// is information only (it does not set the verdict).
/// </summary>
internal sealed record FindingRule(
    FindingSeverity Severity,
    DiagnosisVerdict Verdict,
    Func<FindingFacts, string> Title,
    Func<FindingFacts, string> Detail,
    Func<DiagnosisInput, string> Cause,
    Func<FindingFacts, double?> Value,
    IReadOnlyList<string> Remedies,
    Func<FindingFacts, bool>? Transient = null)
{
    public FindingSeverity SeverityOf(FindingFacts facts) => Transient?.Invoke(facts) == true ? FindingSeverity.Info : Severity;
}

/// <summary>The episodes of one kind in a run, with the figures the rules quote.</summary>
internal sealed record FindingFacts(DiagnosisInput Input, IReadOnlyList<RunEpisode> Episodes)
{
    public int FirstStep => Episodes.Min(e => e.FirstStep);
    public int LastStep => Episodes.Max(e => e.LastStep);
    public int Steps => Episodes.Sum(e => e.Steps);
    public double? MaxPeak => Episodes.Max(e => e.Peak);
    public double? MinPeak => Episodes.Min(e => e.Peak);
    public int? DeepestLayer => Episodes.Max(e => e.Layer);
    public IReadOnlyList<int> Layers => [.. Episodes.Where(e => e.Layer is not null).Select(e => e.Layer!.Value).Distinct().Order()];
    public double Share => Input.AtStep > 0 ? (double)Steps / Input.AtStep : 0;

    /// <summary>A gradient-free run: its gradients are probes of the current net, not what it trains on.</summary>
    public bool Probed => Input.Spec.Training.Method != TrainingMethod.Backprop;

    /// <summary>"steps 12–40, 100–130 and 3 more episodes".</summary>
    public string Ranges()
    {
        const int shown = 4;
        var ranges = Episodes.OrderBy(e => e.FirstStep).Take(shown)
            .Select(e => e.FirstStep == e.LastStep ? I(e.FirstStep) : $"{I(e.FirstStep)}–{I(e.LastStep)}").ToList();
        var more = Episodes.Count > shown ? $" and {Episodes.Count - shown} more episode{(Episodes.Count - shown == 1 ? "" : "s")}" : "";
        return $"step{(Episodes.Count == 1 && Episodes[0].FirstStep == Episodes[0].LastStep ? "" : "s")} {string.Join(", ", ranges)}{more}";
    }

    public string LayerList() => Layers.Count == 0 ? "the whole net" : $"layer{(Layers.Count == 1 ? "" : "s")} {string.Join(", ", Layers)}";

    public static string I(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string P(double share) => $"{(share * 100).ToString("0.0", CultureInfo.InvariantCulture)}%";

    /// <summary>Most steps a passing spike may span: 2, or 0.1% of the steps so far on a long run.</summary>
    public int SpikeSteps => Math.Max(2, Input.AtStep / 1000);

    /// <summary>
    /// The explosion was a passing spike: few steps in all (<see cref="SpikeSteps"/>), the last of them at least as many
    /// steps back again, and the run neither diverged nor met a non-finite gradient.
    /// </summary>
    public bool Spike => Steps <= SpikeSteps && Input.AtStep - LastStep >= SpikeSteps
        && !Input.Episodes.Any(e => e.Kind is EpisodeKinds.Diverged or EpisodeKinds.NonFinite);
}

/// <summary>
/// The one table from episode kind to finding (<see cref="EpisodeKinds"/>); its order breaks ties between equally severe
/// findings. Exploding and vanishing come before diverged and non-finite: a run that exploded and then diverged is
/// headlined by the cause, not by its consequence.
/// </summary>
internal static class FindingRules
{
    public static readonly IReadOnlyList<(string Kind, FindingRule Rule)> Table =
    [
        (EpisodeKinds.Exploding, new(FindingSeverity.Critical, DiagnosisVerdict.Exploding,
            f => f.Spike ? $"Brief gradient spike at {f.Ranges()}" : $"Exploding gradient at {f.Ranges()}",
            f => $"The global norm ‖g‖ jumped far above its running median, up to {F(f.MaxPeak ?? double.NaN)}{(f.Episodes.MaxBy(e => e.Peak)?.PeakStep is { } s ? $" at step {FindingFacts.I(s)}" : "")}, on {FindingFacts.I(f.Steps)} step{(f.Steps == 1 ? "" : "s")}{(f.Spike ? $", and training went on: a passing spike (at most {FindingFacts.I(f.SpikeSteps)} steps, the run neither diverged nor went non-finite), not an exploding run. If it recurs, clipping caps it" : "")}.",
            Exploding, f => f.MaxPeak,
            [Clip, PreLn, Orthogonal, Lstm, Gru, SmallerLearningRate, BatchNorm, Adam],
            Transient: f => f.Spike)),
        (EpisodeKinds.Vanishing, new(FindingSeverity.Critical, DiagnosisVerdict.Vanishing,
            f => $"Vanishing gradient from layer {f.DeepestLayer ?? 1} down{(f.Probed ? " (measured by probes)" : "")}",
            f => f.Probed
                ? $"Measured by probes of the current net every {FindingFacts.I(f.Input.Spec.Search.ProbeEvery)} generations (the search itself uses no gradients): backprop would barely move {(f.DeepestLayer is > 1 ? $"layers 1–{f.DeepestLayer}" : "layer 1")}; the first layer's ‖∂L/∂W‖ was as little as 10^−{F(f.MaxPeak ?? 0)} of the output layer's ({F(f.MaxPeak ?? 0)} decades), at {f.Ranges()}."
                : $"{(f.DeepestLayer is > 1 ? $"Layers 1–{f.DeepestLayer} have" : "Layer 1 has")} effectively stopped learning: the first layer's ‖∂L/∂W‖ was as little as 10^−{F(f.MaxPeak ?? 0)} of the output layer's ({F(f.MaxPeak ?? 0)} decades), at {f.Ranges()}.",
            Vanishing, f => f.MaxPeak,
            [ReluHe, BatchNorm, Residual, PreLn, LayerNorm, Lstm, Gru, Orthogonal, NegativeMean, Kumar, LayerwisePretraining, Adam, Rprop])),
        (EpisodeKinds.Diverged, new(FindingSeverity.Critical, DiagnosisVerdict.Diverged,
            f => $"Diverged at step {FindingFacts.I(f.FirstStep)}",
            f => $"Training stopped at step {FindingFacts.I(f.FirstStep)}{(f.DeepestLayer is { } l ? $" (layer {l})" : "")}: {f.Episodes[0].Message}",
            Diverged, _ => null,
            [SmallerLearningRate, PreLn, Clip, Orthogonal, Lstm, Adam])),
        (EpisodeKinds.NonFinite, new(FindingSeverity.Critical, DiagnosisVerdict.Diverged,
            f => $"Non-finite gradients from step {FindingFacts.I(f.FirstStep)}",
            f => $"NaN or ±∞ gradient entries first appeared at step {FindingFacts.I(f.FirstStep)}{(f.Layers.Count > 0 ? $" in layer {f.Layers[0]}" : "")}, on {FindingFacts.I(f.Steps)} step{(f.Steps == 1 ? "" : "s")} in all (at most {F(f.MaxPeak ?? 0)} entries at once).",
            Diverged, f => f.MaxPeak,
            [SmallerLearningRate, Clip, Orthogonal, Adam])),
        (EpisodeKinds.RecurrentGain, new(FindingSeverity.Warning, DiagnosisVerdict.Exploding,
            f => "γ·σ_max(W_hh) above 1",
            f => $"The recurrent bound factor γ·σ_max reached {F(f.MaxPeak ?? double.NaN)} in {f.LayerList()} at {f.Ranges()}: the gradient over time is free to grow by that factor per time step.",
            Exploding, f => f.MaxPeak,
            [Clip, Orthogonal, Lstm, Gru, SmallerLearningRate])),
        (EpisodeKinds.Saturation, new(FindingSeverity.Warning, DiagnosisVerdict.Saturated,
            f => $"Saturated units in {f.LayerList()}",
            f => $"Up to {FindingFacts.P(f.MaxPeak ?? 0)} of the units in {f.LayerList()} sat in the activation's flat tails, at {f.Ranges()}.",
            Saturation, f => f.MaxPeak,
            [ReluHe, BatchNorm, NegativeMean, Kumar, LayerNorm, Lstm])),
        (EpisodeKinds.DeadUnits, new(FindingSeverity.Warning, DiagnosisVerdict.DeadUnits,
            f => $"Dead units in {f.LayerList()}",
            f => $"Up to {FindingFacts.P(f.MaxPeak ?? 0)} of the units in {f.LayerList()} were inactive on the whole batch, at {f.Ranges()}.",
            DeadUnits, f => f.MaxPeak,
            [LeakyRelu, SmallerLearningRate, BatchNorm, Adam])),
        (EpisodeKinds.Stalled, new(FindingSeverity.Warning, DiagnosisVerdict.Stalled,
            f => $"Learning stalled{(f.Layers.Count > 0 ? $" in {f.LayerList()}" : "")}",
            f => $"{(f.Layers.Count > 0 ? "The update ratio" : "The loss")} {(f.MinPeak < 0 ? $"stopped falling (it rose by up to {FindingFacts.P(-f.MinPeak.Value)})" : $"fell by only {FindingFacts.P(f.MinPeak ?? 0)}")} over the window while the gradient was not zero, at {f.Ranges()}.",
            Stalled, f => f.MinPeak,
            [Adam, Rprop, ReluHe, BatchNorm])),
        (EpisodeKinds.Clipping, new(FindingSeverity.Info, DiagnosisVerdict.Exploding,
            f => $"Clipping active {FindingFacts.P(f.Share)} of steps",
            f => $"{FindingFacts.I(f.Steps)} of {FindingFacts.I(f.Input.AtStep)} steps were clipped ({f.Ranges()}); the smallest scale was {F(f.MinPeak ?? 1)}.",
            ClippingCause, f => f.Share,
            [Orthogonal, SmallerLearningRate, Lstm, Gru])),
    ];

    public static FindingRule? Of(string kind) => Table.FirstOrDefault(r => r.Kind == kind).Rule;

    public static int Rank(string kind)
    {
        for (var i = 0; i < Table.Count; i++)
            if (Table[i].Kind == kind) return i;
        return Table.Count;
    }
}
