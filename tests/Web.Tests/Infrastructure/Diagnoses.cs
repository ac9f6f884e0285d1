using System.Text.Json.Nodes;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;

namespace GradientService.Web.Tests.Infrastructure;

/// <summary>Diagnoses, theory reports, episodes and sweeps as the Api would send them for the small runs of <see cref="Wire"/>.</summary>
public static class Diagnoses
{
    public static RunDiagnosis Vanishing(int atStep = 5, bool final = false) => new(
        DiagnosisVerdict.Vanishing,
        "Learning has stopped in layers 1–2: layer 1 receives 1e-10 of the output layer's gradient.",
        atStep, final,
        [
            new DiagnosisFinding(EpisodeKinds.Vanishing, FindingSeverity.Critical, "Vanishing gradient from layer 2 down",
                "‖∂L/∂W_1‖/‖∂L/∂W_3‖ = 1e-10 (10 decades) for 5 steps", "sigmoid's slope is at most 1/4; standard init keeps σ_w² = 1/3",
                1, atStep, [1, 2], 10),
            new DiagnosisFinding(EpisodeKinds.Saturation, FindingSeverity.Warning, "Saturated units in layer 3",
                "62% of units in the flat tails", "large pre-activations", 2, atStep, [3], 0.62),
        ],
        new DepthDiagnosis(0.0801, 0.0912, -9.8, -9.1, TheoryPhase.Ordered, 0.41,
            [new TheoryCaveat("small-width", "Depth/width = 10/64 is above 0.1.")]),
        null,
        [
            new RemedySuggestion("relu-he", "ReLU with He init", "ReLU's slope is 1 where active and He init keeps χ = 1.", "He et al. 2015, Figure 3",
                new JsonObject { ["model"] = new JsonObject { ["activation"] = "relu" }, ["init"] = new JsonObject { ["scheme"] = "he-normal" } }),
            new RemedySuggestion("batch-norm", "Batch normalisation", "Rescales each layer's pre-activations.", "Ioffe & Szegedy 2015",
                new JsonObject { ["model"] = new JsonObject { ["batchNorm"] = true } }),
        ]);

    public static RunDiagnosis ExplodingRecurrent() => new(
        DiagnosisVerdict.Exploding, "The global norm grew by 10⁶ over 40 steps.", 40, true,
        [new DiagnosisFinding(EpisodeKinds.Exploding, FindingSeverity.Critical, "Exploding gradient at steps 3–40", "‖g‖ up to 3e6", "γ·σ_max = 1.8 > 1", 3, 40, [], 3e6)],
        null,
        new RecurrentDiagnosis(1, 1.8, 1.8, "γ·σ_max = 1.8 > 1: the necessary condition for exploding gradients holds.", 0.21),
        []);

    public static RunDetail Detail(Guid id, RunDiagnosis? diagnosis, Guid? parent = null, string? remedy = null) =>
        Wire.Detail(id, RunStatus.Completed, 5, 5) with { Diagnosis = diagnosis, ParentId = parent, Remedy = remedy };

    /// <summary>
    /// Two hidden layers (the third linear layer of <see cref="Wire"/> is the read-out): ‖δ_1‖/‖δ_2‖ expected 10⁻¹ (one
    /// example: 10^−1.2), ‖∂L/∂W_1‖/‖∂L/∂W_2‖ expected 2.
    /// </summary>
    public static TheoryReport Theory(params TheoryCaveat[] caveats) => new(
        "sigmoid", 1, 0, 0, 2, 4, 8, 1, 0.5, 0.04, 0.31, 1, 0.31, TheoryPhase.Ordered, 0.001,
        [new TheoryLayer(1, 0.5, 0.01, -1.2, -1, Math.Log10(2)), new TheoryLayer(2, 0.5, 0.04, 0, 0, 0)], caveats);

    public static RunEpisode Episode(string kind, int first, int last, int? layer = null, bool open = false, string message = "held") =>
        new(kind, layer, first, last, last - first + 1, 2.5, last, open, message);

    public static StepBatch WithEpisodes(this StepBatch batch, params RunEpisode[] episodes) => batch with { Episodes = episodes };

    /// <summary>A 2 × 3 sweep of σ_w² ∈ {2, 1} (listed out of order) × σ_b² ∈ {0, 0.05, 0.1}, sigmoid at depth 10, with its phase diagram.</summary>
    public static SweepMatrix PhaseMatrix(Guid sweep, IReadOnlyList<Guid> runs)
    {
        SweepAxis weights = new("init.weightVariance", [JsonValue.Create(2.0), JsonValue.Create(1.0)]);
        SweepAxis biases = new("init.biasVariance", [JsonValue.Create(0.0), JsonValue.Create(0.05), JsonValue.Create(0.1)]);
        List<SweepCell> cells = [];
        for (var w = 0; w < 2; w++)
            for (var b = 0; b < 3; b++)
                cells.Add(new SweepCell([w, b], runs[w * 3 + b], RunStatus.Completed, 0.5 + 0.1 * (w * 3 + b) / 2, 0.3, DiagnosisVerdict.Healthy, w, w == 0 && b == 2, 0.9, 1.1));
        // Theory grid: σ_w² rows 1, 2, 3; σ_b² columns 0, 0.1. 6·ξ_c rises through 10 between rows 1 and 2, falls through it between 2 and 3.
        var phase = new PhaseDiagram(0, 1, "sigmoid", 10, [new PhasePoint(0, 1.5), new PhasePoint(0.1, 1.7)],
            [1, 2, 3], [0, 0.1], [[5, 5], [15, 25], [5, null]]);
        return new SweepMatrix(sweep, [weights, biases], cells, phase);
    }

    public static SweepSummary Summary(Guid id, IReadOnlyList<SweepAxis> axes, int cells, int running = 0, int queued = 0) =>
        new(id, "sigmoid phase", null, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), axes, cells, queued, running, cells - running - queued, 0, 0, 0);
}
