using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Api.Diagnosis;
using GradientService.Api.Storage;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Theory;
using Microsoft.Extensions.Caching.Memory;

namespace GradientService.Api.Sweeps;

/// <summary>
/// The outcome of every cell of a sweep, with the theory's χ₁ beside the measured one and, for a σ_w² × σ_b² grid, the
/// phase diagram. A sweep's axes and base spec never change, so its diagram (seconds of 2-D integrals for a chaotic tanh
/// plane) is computed once and kept while the dashboard polls the matrix.
/// </summary>
public sealed class SweepMatrixBuilder(RunStore runs, SeriesStore series, RunDiagnoses diagnoses, AnalysisLane lane, IMemoryCache cache)
{
    /// <summary>How long an unread phase diagram stays cached.</summary>
    public static readonly TimeSpan PhaseLifetime = TimeSpan.FromMinutes(10);

    public const string WeightVarianceField = "init.weightVariance";
    public const string BiasVarianceField = "init.biasVariance";

    public async Task<SweepMatrix> BuildAsync(SweepRecord sweep, CancellationToken cancel)
    {
        var axes = RunStore.Axes(sweep);
        var cells = new List<SweepCell>();
        foreach (var run in await runs.SweepRunsAsync(sweep.Id, cancel))
        {
            var spec = RunMapping.Spec(run);
            // The cell's outcome is its diagnosis's: one reading of its episodes, the one its run page shows.
            var diagnosis = await diagnoses.ForAsync(run, cancel);
            var findings = diagnosis?.Findings ?? [];
            var vanishing = findings.Where(f => f.Kind == EpisodeKinds.Vanishing).SelectMany(f => f.Layers).DefaultIfEmpty(0).Max();
            var exploded = run.Status == RunStatus.Diverged
                || findings.Any(f => f.Kind is EpisodeKinds.Exploding or EpisodeKinds.NonFinite or EpisodeKinds.Diverged);
            cells.Add(new SweepCell(Index(run.SweepCell ?? 0, axes), run.Id, run.Status, run.LastTestAccuracy ?? run.LastAccuracy, run.LastLoss,
                diagnosis?.Verdict, vanishing, exploded, await MeasuredChiAsync(run, spec, cancel), PredictedChi(run, spec)));
        }
        var phase = await cache.GetOrCreateAsync(("sweep-phase", sweep.Id), entry =>
        {
            entry.SlidingExpiration = PhaseLifetime;
            return lane.Run(() => Phase(axes, BaseModel(sweep)), cancel);
        });
        return new SweepMatrix(sweep.Id, axes, cells, phase);
    }

    /// <summary>
    /// The measured per-layer factor of ‖δ‖² at step 1: (‖δ_1‖/‖δ_D‖)^(2/(D−1)) over the D hidden layers (the ratio the
    /// theory-against-measurement tests and the depth profile compare); null for a recurrent net, a single hidden layer or
    /// an unrecorded step 1.
    /// </summary>
    private async Task<double?> MeasuredChiAsync(RunRecord run, RunSpec spec, CancellationToken cancel)
    {
        if (spec.Model is not FeedForwardSpec || run.Depth < 2 || run.LayerCount < run.Depth) return null;
        var samples = await series.AtStepAsync(run.Key, run.LayerCount, 1, cancel);
        var first = samples.FirstOrDefault(s => s.Layer == 1)?[Contracts.Metrics.LayerMetric.DeltaNorm];
        var last = samples.FirstOrDefault(s => s.Layer == run.Depth)?[Contracts.Metrics.LayerMetric.DeltaNorm];
        if (first is not > 0 || last is not > 0) return null;
        var chi = Math.Pow(first.Value / last.Value, 2.0 / (run.Depth - 1));
        return double.IsFinite(chi) ? chi : null;
    }

    /// <summary>The theory's χ₁ at q* for a feedforward spec (inputs standardised; the first layer's fan-in from the built model when known).</summary>
    private static double? PredictedChi(RunRecord run, RunSpec spec)
    {
        if (spec.Model is not FeedForwardSpec model) return null;
        var inputs = RunMapping.Layers(run).FirstOrDefault()?.Inputs ?? model.HiddenWidths()[0];
        var (query, _) = SpecTheory.For(spec, inputs, 1);
        if (query.Validate().Count > 0) return null;
        // χ₁ at q* alone: the full report's correlation map (2-D integrals, ~0.3 s a chaotic cell) is not needed here.
        return query.BiasMean == 0 ? MeanField.ChiAtFixedPoint(query.Activation, query.WeightVariance, query.BiasVariance) : MeanField.Analyze(query with { Batch = 1 }).Chi;
    }

    /// <summary>
    /// The phase diagram when the axes include σ_w² and σ_b² and the base spec is feedforward: its activation and depth, over
    /// the axes' ranges, with as many points per side as the larger axis has values (at most <see cref="PhaseQuery.DefaultPoints"/>).
    /// </summary>
    private static PhaseDiagram? Phase(IReadOnlyList<SweepAxis> axes, ModelSpec? basis)
    {
        var w = axes.ToList().FindIndex(a => a.Field == WeightVarianceField);
        var b = axes.ToList().FindIndex(a => a.Field == BiasVarianceField);
        if (w < 0 || b < 0 || basis is not FeedForwardSpec model) return null;
        var (weights, biases) = (Numbers(axes[w]), Numbers(axes[b]));
        var points = Math.Clamp(Math.Max(weights.Length, biases.Length), 2, PhaseQuery.DefaultPoints);
        var phi = new ScalarActivation(model.Activation, model.LeakyReluSlope, model.EluAlpha);
        var query = new PhaseQuery(phi, model.HiddenWidths().Length, weights.Min(), weights.Max(), biases.Min(), biases.Max(), points);
        return query.Validate().Count == 0 ? PhaseDiagramTheory.Build(query, w, b) : null;
    }

    /// <summary>The base spec's model (its fields left out take their defaults); null when the base alone is not a spec.</summary>
    private static ModelSpec? BaseModel(SweepRecord sweep)
    {
        try
        {
            return JsonSerializer.Deserialize<RunSpec>(sweep.BaseSpecJson, SpecJson.Options)?.Model;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static double[] Numbers(SweepAxis axis) => [.. axis.Values.Select(v => v is JsonValue n && n.TryGetValue<double>(out var x) ? x : double.NaN)];

    /// <summary>The axis indices of a flat cell index (the last axis varying fastest).</summary>
    private static int[] Index(int cell, IReadOnlyList<SweepAxis> axes)
    {
        var index = new int[axes.Count];
        for (var a = axes.Count - 1; a >= 0; a--)
        {
            var count = Math.Max(1, axes[a].Values.Count);
            (index[a], cell) = (cell % count, cell / count);
        }
        return index;
    }
}
