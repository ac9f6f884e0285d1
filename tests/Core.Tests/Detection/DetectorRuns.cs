using GradientService.Contracts.Wire;
using GradientService.Contracts.Spec;
using GradientService.Core.Detection;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Detection;

/// <summary>Trains a spec through the engine with the live detectors on every step, as the run tap does.</summary>
internal static class DetectorRuns
{
    /// <summary>The run's events and the final state of each of its episodes, in first-step order.</summary>
    public static (List<RunEventMessage> Events, List<EpisodeState> Episodes, TrainingResult Result) Train(RunSpec spec)
    {
        using var trainer = Trainer.Create(spec);
        var detectors = Detectors.Live(spec, trainer.Model.Layers.Count);
        var events = new List<RunEventMessage>();
        var episodes = new Dictionary<(string, int, int), EpisodeState>();
        void Collect()
        {
            foreach (var e in detectors.Episodes.Changed) episodes[(e.Kind, e.Track, e.FirstStep)] = e;
        }
        var result = trainer.Run(record =>
        {
            detectors.Inspect(record, events);
            Collect();
        });
        detectors.Finish(result.Divergence, events);
        Collect();
        return (events, [.. episodes.Values.OrderBy(e => e.FirstStep).ThenBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => e.Track)], result);
    }
}
