using GradientService.Contracts.Wire;
using GradientService.Core.Probes;

namespace GradientService.Core.Detection;

/// <summary>
/// Finds events in a run's stream of step records. It is fed every recorded step in order: live on the training thread
/// (through the Api's run tap), or replayed over a stored run. One instance serves one run, so a detector may keep state
/// across steps; <see cref="Inspect"/> allocates nothing unless it emits an event.
/// </summary>
public interface IDetector
{
    /// <summary>Inspects <paramref name="step"/> and adds the events it finds to <paramref name="events"/>.</summary>
    void Inspect(StepRecord step, List<RunEventMessage> events);
}
