using GradientService.Core.Export;

namespace GradientService.Core.Training.Methods;

/// <summary>
/// How a run turns one step into new weights. The trainer drives it (<see cref="Trainer{T}"/>: count steps, call
/// <see cref="Step"/>, evaluate on the held-out split when due, hand the record to the caller, checkpoint between steps);
/// the method owns everything in between, on the run's parts (<see cref="TrainingRun{T}"/>). Its promises are the run's:
/// a step allocates nothing, one thread and two give bitwise the same record, and the state it saves through
/// <see cref="SaveState"/> is all it needs to continue bitwise after <see cref="LoadState"/>.
/// <para><see cref="BackpropMethod{T}"/>: forward, loss, backward with every probe, clipping, an optimizer step, over a
/// <see cref="ParameterGroup{T}"/> (all parameters, or some with the rest frozen).</para>
/// <para>Gradient-free search (<see cref="GeneticMethod{T}"/>, <see cref="EvolutionStrategyMethod{T}"/>): <see cref="Step"/> is one
/// generation; it evaluates its population of weight vectors on <see cref="TrainingRun{T}.Mm"/>'s threads, one member per
/// part, by forward passes only (<see cref="PopulationEvaluator{T}"/>), writes the best (or the updated mean) into the net,
/// and leaves the gradient fields absent (<see cref="LayersWithGradients"/> all false) except on probe generations, when
/// one backward pass measures them (<see cref="GenerationRecorder{T}"/>).</para>
/// <para>Greedy layer-wise pretraining, <see cref="PretrainingMethod{T}"/>: one phase per hidden layer (an autoencoder's
/// or an RBM's objective on that layer and its decoder, by an optimizer of its own, the rest frozen), then a
/// <see cref="BackpropMethod{T}"/> over <see cref="ParameterGroup{T}.All"/> fine-tunes.</para>
/// <para>Later methods sit on it as follows (not written yet).
/// Learning-rate warm-up: wraps a <see cref="BackpropMethod{T}"/> and calls its <see cref="BackpropMethod{T}.Step(int, double, bool)"/>
/// with η·min(1, t/k) for the first k steps; stateless, since η depends on the step alone.</para>
/// </summary>
internal interface ITrainingMethod<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Step <paramref name="step"/> (1-based): fills the run's record (loss, η, gradient and update fields, every probe
    /// when <paramref name="probes"/>; the test fields are the trainer's) and updates the weights. Returns where the run
    /// diverged, or null; a diverged step applies no update.
    /// </summary>
    Divergence? Step(int step, bool probes);

    /// <summary>
    /// Per 0-based layer, whether the last step computed its parameters' gradients for training (‖∂L/∂W‖, ‖∂L/∂b‖, the
    /// update ratio and the non-finite count): false for a frozen layer or a step without a backward pass. The record's
    /// fields of the other layers are to be stored as absent.
    /// </summary>
    ReadOnlySpan<bool> LayersWithGradients { get; }

    /// <summary>Adds the method's own state (optimizer moments, a population, a phase) to a checkpoint being written.</summary>
    void SaveState(List<SafeTensor> tensors, Dictionary<string, string> metadata);

    /// <summary>Restores what <see cref="SaveState"/> wrote, into the live state.</summary>
    void LoadState(SafeTensorsFile file);
}
