using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Probes;
using GradientService.Core.Training;

namespace GradientService.Core.Detection;

/// <summary>
/// The detectors one run's steps pass through, in the order their events are stored, and the episode log they share.
/// Adding a detector is its class plus one entry in <see cref="Each"/>.
/// </summary>
public sealed class Detectors
{
    private readonly IDetector[] _detectors;
    private readonly DivergenceDetector _divergence;

    private Detectors(RunSpec spec, int layers, bool replay)
    {
        Episodes = new EpisodeLog();
        _divergence = new DivergenceDetector(Episodes);
        _detectors = replay ? [.. Each(spec, layers, Episodes), _divergence] : Each(spec, layers, Episodes);
    }

    /// <summary>The episodes; after each <see cref="Inspect"/> or <see cref="Finish"/>, <see cref="EpisodeLog.Changed"/> lists those that changed.</summary>
    public EpisodeLog Episodes { get; }

    /// <summary>
    /// Run on each recorded step by the run tap, for a run of <paramref name="spec"/> with <paramref name="layers"/> linear
    /// layers. Divergence is not among them: the trainer finds it (it stops the run) and the tap reports it through <see cref="Finish"/>.
    /// </summary>
    public static Detectors Live(RunSpec spec, int layers) => new(spec, layers, replay: false);

    /// <summary>Over a stored run: the live detectors, then divergence (stored live after the step's other events).</summary>
    public static Detectors Replay(RunSpec spec, int layers) => new(spec, layers, replay: true);

    /// <summary>Feeds <paramref name="step"/> to every detector in order (a pretraining step to none); allocation-free unless one emits or an episode opens or closes.</summary>
    public void Inspect(StepRecord step, List<RunEventMessage> events)
    {
        // A pretraining run is diagnosed over its fine-tuning: while one layer is pretrained the others are frozen (their
        // gradients absent) and the recorded loss is not the one being trained.
        if (step.Has(StepMetric.Phase) && step[StepMetric.Phase] > 0) return;
        Episodes.BeginStep();
        foreach (var detector in _detectors) detector.Inspect(step, events);
        Episodes.EndStep();
    }

    /// <summary>The run ended (completed, diverged at <paramref name="divergence"/>, cancelled or failed): the divergence's event and episode, and every open episode closed.</summary>
    public void Finish(Divergence? divergence, List<RunEventMessage> events)
    {
        Episodes.BeginStep();
        if (divergence is not null) events.Add(_divergence.Report(divergence));
        Episodes.CloseAll();
    }

    /// <summary>A fresh instance of every step detector, with the spec's thresholds.</summary>
    private static IDetector[] Each(RunSpec spec, int layers, EpisodeLog episodes)
    {
        var detection = spec.Detection;
        return
        [
            new ClippingDetector(episodes),
            new NonFiniteDetector(episodes),
            new VanishingDetector(detection, layers, episodes, spec.Training.Method == TrainingMethod.Backprop ? 0 : spec.Search.ProbeEvery),
            new ExplodingDetector(detection, episodes),
            new RecurrentGainDetector(detection, spec.Model is RecurrentSpec recurrent ? recurrent.Depth : 0, episodes),
            LayerShareDetector.Saturation(detection, spec.Model, layers, episodes),
            LayerShareDetector.DeadUnits(detection, spec.Model, layers, episodes),
            new StalledDetector(detection, episodes),
        ];
    }
}
