using GradientService.Contracts.Wire;
using GradientService.Core.Probes;

namespace GradientService.Core.Detection;

/// <summary>
/// Finds events and episodes in a run's stream of step records. It is fed every recorded step in order: live on the
/// training thread (through the Api's run tap), or replayed over a stored run. One instance serves one run, so a detector
/// keeps state across steps; it makes its <see cref="EpisodeSlot"/>s in its constructor from the run's
/// <see cref="EpisodeLog"/>. <see cref="Inspect"/> allocates nothing unless an event is emitted or an episode opens or closes.
/// </summary>
public interface IDetector
{
    /// <summary>Inspects <paramref name="step"/>: adds its point events to <paramref name="events"/> and holds the slots whose condition holds.</summary>
    void Inspect(StepRecord step, List<RunEventMessage> events);
}
