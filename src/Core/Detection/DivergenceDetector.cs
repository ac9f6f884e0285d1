using GradientService.Contracts.Wire;
using GradientService.Core.Probes;
using GradientService.Core.Training;

namespace GradientService.Core.Detection;

/// <summary>
/// Divergence: a non-finite loss, or a non-finite gradient norm ‖g‖ before clipping. The trainer calls <see cref="Find"/>
/// on every step before the update and stops on the first (that step applies no update); the run's tap then reports it
/// (<see cref="Report"/>: the event and a one-step diverged episode). Over a stored run, <see cref="Inspect"/> finds the
/// same step from the recorded probes.
/// </summary>
public sealed class DivergenceDetector(EpisodeLog episodes) : IDetector
{
    private readonly EpisodeSlot _slot = episodes.Slot(EpisodeKinds.Diverged, 0, e => e.Message);

    public void Inspect(StepRecord step, List<RunEventMessage> events)
    {
        if (Find(step) is { } divergence) events.Add(Report(divergence));
    }

    /// <summary>The divergence's one-step episode, and its event.</summary>
    public RunEventMessage Report(Divergence d)
    {
        _slot.Once(d.Step, double.NaN, Math.Max(d.Layer, 0), d.Reason);
        return Event(d);
    }

    /// <summary>The stored event of a divergence: no value; the layer when one was named.</summary>
    public static RunEventMessage Event(Divergence d) => new(d.Step, RunEventKinds.Diverged, d.Layer > 0 ? d.Layer : null, null, d.Reason);

    /// <summary>
    /// Where <paramref name="r"/> diverged, or null. A non-finite loss points at the first layer (from the input) whose
    /// activations went non-finite; a non-finite gradient with a finite loss at the layer nearest the output whose δ or
    /// gradient is non-finite (where backprop broke). Allocates only when it finds one.
    /// </summary>
    public static Divergence? Find(StepRecord r)
    {
        var step = r.Step;
        var layers = r.Layers;
        if (!double.IsFinite(r.Loss))
        {
            for (var l = 0; l < layers.Length; l++)
                if (!double.IsFinite(layers[l].ActivationMean) || !double.IsFinite(layers[l].ActivationStd))
                    return new Divergence(step, l + 1, $"loss is {r.Loss}; activations of layer {l + 1} are not finite");
            return new Divergence(step, layers.Length, $"loss is {r.Loss}");
        }
        if (double.IsFinite(r.GradNormBefore)) return null;
        for (var l = layers.Length - 1; l >= 0; l--)
            if (layers[l].NonFiniteGradCount > 0 || !double.IsFinite(layers[l].PreactivationGradNorm))
                return new Divergence(step, l + 1, $"{layers[l].NonFiniteGradCount} gradient entries of layer {l + 1} are not finite");
        return new Divergence(step, layers.Length, "the gradient norm is not finite");
    }
}
