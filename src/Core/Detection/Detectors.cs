using GradientService.Contracts.Wire;
using GradientService.Core.Probes;

namespace GradientService.Core.Detection;

/// <summary>
/// The detectors one run's steps pass through, in the order their events are stored. Adding a detector is its class
/// plus one entry in <see cref="Each"/>.
/// </summary>
public sealed class Detectors(IDetector[] detectors)
{
    /// <summary>Run on each recorded step by the run tap. Divergence is not among them: the trainer finds it (it stops the run).</summary>
    public static Detectors Live() => new(Each());

    /// <summary>Over a stored run: the live detectors, then divergence (stored live after the step's other events).</summary>
    public static Detectors Replay() => new([.. Each(), new DivergenceDetector()]);

    /// <summary>Feeds <paramref name="step"/> to every detector in order; allocation-free unless one emits.</summary>
    public void Inspect(StepRecord step, List<RunEventMessage> events)
    {
        foreach (var detector in detectors) detector.Inspect(step, events);
    }

    /// <summary>A fresh instance of every step detector, with its default parameters.</summary>
    private static IDetector[] Each() => [new ClippingDetector(), new NonFiniteDetector()];
}
