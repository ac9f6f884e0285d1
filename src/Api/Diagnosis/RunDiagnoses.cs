using GradientService.Api.Storage;
using GradientService.Api.Telemetry;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Diagnosis;

namespace GradientService.Api.Diagnosis;

/// <summary>
/// A stored run's diagnosis, answered at once (while the run's theory is still being computed, once per run, the depth part
/// carries the <see cref="RunTheories.Pending"/> caveat instead of predicted numbers). Reads only what it needs, however
/// long the run: its episodes, every layer at its first training step (a pretraining run's first fine-tuning step) and at the newest step (two chunks per layer), the first recurrent
/// layer's newest finite σ_max and time-lag profile (a gradient-free run: its newest probe generation for the gradients), and its first σ_max (the init's). A diverged run without a diverged episode (stored before the detectors
/// wrote episodes) gets one from its record.
/// </summary>
public sealed class RunDiagnoses(SeriesStore store, RunTheories theories)
{
    /// <summary>Recent recurrent samples read to find the newest finite σ_max and time-lag profile (a diverged run's last ones are not).</summary>
    public const int RecentProfiles = 16;

    /// <summary>The diagnosis, or null before the first recorded step.</summary>
    public Task<RunDiagnosis?> ForAsync(RunRecord run, CancellationToken cancel) => ForAsync(run, theories.TryGet, cancel);

    /// <summary>The diagnosis with the run's theory from <paramref name="theoryOf"/> (the start-up warm-up's made-up run starts none).</summary>
    internal async Task<RunDiagnosis?> ForAsync(RunRecord run, Func<Guid, RunSpec, RunTheories.Outcome?> theoryOf, CancellationToken cancel)
    {
        if (run.StepsDone < 1) return null;
        var spec = RunMapping.Spec(run);
        var episodes = (await store.EpisodesAsync(run.Key, cancel)).Select(WireFrames.Episode).ToList();
        if (run.Status == RunStatus.Diverged && !episodes.Any(e => e.Kind == EpisodeKinds.Diverged) && run.DivergedStep is { } at)
            episodes.Add(new RunEpisode(EpisodeKinds.Diverged, run.DivergedLayer, at, at, 1, null, at, false, run.Reason ?? "Diverged."));
        var first = Diagnoser.FirstTrainingStep(spec);
        // A gradient-free run measures gradients on its probe generations only: the newest of those stands for "newest".
        var newest = spec.Training.Method == TrainingMethod.Backprop ? run.StepsDone : spec.Search.ProbeAtOrBefore(run.StepsDone, spec.Training.Steps) ?? run.StepsDone;
        var samples = run.LayerCount > 0 ? await store.AtStepsAsync(run.Key, run.LayerCount, [first, newest], cancel) : [];
        var theory = spec.Model is FeedForwardSpec ? theoryOf(run.Id, spec) : null;
        var recurrent = spec.Model is RecurrentSpec ? await RecurrentAsync(run, cancel) : null;
        var diagnosis = Diagnoser.Diagnose(new DiagnosisInput(
            spec, run.StepsDone, run.Status.IsFinal(), episodes,
            PerLayer(samples, first, run.LayerCount, LayerMetric.DeltaNorm), PerLayer(samples, newest, run.LayerCount, LayerMetric.WeightGradNorm),
            theory?.Report, recurrent));
        return spec.Model is FeedForwardSpec && theory is null && diagnosis.Depth is { } depth
            ? diagnosis with { Depth = depth with { Caveats = [.. depth.Caveats, RunTheories.Pending] } }
            : diagnosis;
    }

    private async Task<RecurrentMeasurement?> RecurrentAsync(RunRecord run, CancellationToken cancel)
    {
        var recent = await store.NewestRecurrentAsync(run.Key, 1, withTimeLag: false, RecentProfiles, cancel);
        if (recent.Select(s => s.SigmaMax).FirstOrDefault(v => v is { } x && double.IsFinite(x)) is not { } sigma) return null;
        var lags = await store.NewestRecurrentAsync(run.Key, 1, withTimeLag: true, RecentProfiles, cancel);
        var lag = lags.Select(l => DoubleBlob.Unpack(l.TimeLag ?? [])).FirstOrDefault(p => p.Length > 0 && p.All(double.IsFinite));
        return new RecurrentMeasurement(sigma, lag, await store.FirstSigmaMaxAsync(run.Key, 1, cancel));
    }

    private static double?[]? PerLayer(List<LayerSample> samples, int step, int layers, LayerMetric metric)
    {
        var values = new double?[layers];
        var found = false;
        foreach (var s in samples)
        {
            if (s.Step != step || s.Layer < 1 || s.Layer > layers) continue;
            values[s.Layer - 1] = s[metric];
            found = true;
        }
        return found ? values : null;
    }
}
