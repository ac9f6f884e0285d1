using GradientService.Contracts.Wire;
using GradientService.Core.Probes;

namespace GradientService.Core.Detection;

/// <summary>
/// The detectors every run's steps pass through, in the order their events are stored. Adding a detector is one
/// entry in <see cref="Live"/> plus its class.
/// </summary>
public sealed class Detectors(IDetector[] detectors)
{
    /// <summary>Run on each recorded step by the run tap. Divergence is not among them: the trainer finds it (it stops the run).</summary>
    public static Detectors Live() => new([new ClippingDetector(), new NonFiniteDetector()]);

    /// <summary>Over a stored run: the live detectors, then divergence (stored live after the step's other events).</summary>
    public static Detectors Replay() => new([.. Live()._detectors, new DivergenceDetector()]);

    private readonly IDetector[] _detectors = detectors;

    /// <summary>Feeds <paramref name="step"/> to every detector in order; allocation-free unless one emits.</summary>
    public void Inspect(StepRecord step, List<RunEventMessage> events)
    {
        foreach (var detector in _detectors) detector.Inspect(step, events);
    }
}
