using GradientService.Core.Probes;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Training;

/// <summary>
/// One training run: the model built from a <see cref="RunSpec"/>, its optimizer, data sampler and buffers.
/// Not thread-safe: one thread drives it; <see cref="SaveCheckpoint"/> and the exports are called between steps
/// (for example from the step callback).
/// </summary>
public abstract partial class Trainer : IDisposable
{
    public abstract RunSpec Spec { get; }

    /// <summary>
    /// Measure every probe (the product always does). Off, a step computes only what training needs, so the benchmark
    /// can price the probes; the record then holds the loss, learning rate and clipping figures only.
    /// </summary>
    internal bool ProbesEnabled { get; set; } = true;

    public abstract ModelInfo Model { get; }

    /// <summary>Steps completed so far (0 before the first).</summary>
    public abstract int StepsDone { get; }

    /// <summary>
    /// Trains until <see cref="TrainingSpec.Steps"/> steps are done, the run diverges or <paramref name="cancel"/>
    /// fires, calling <paramref name="onStep"/> synchronously after every step with the reused record.
    /// </summary>
    public abstract TrainingResult Run(Action<StepRecord> onStep, CancellationToken cancel = default);

    /// <summary>Writes the complete training state (weights, the training method's state such as the optimizer's, normalisation statistics, RNG state, step) as safetensors.</summary>
    public abstract void SaveCheckpoint(Stream destination);

    /// <summary>Restores a state written by <see cref="SaveCheckpoint"/> for the same spec; later steps are bitwise those of an uninterrupted run.</summary>
    public abstract void LoadCheckpoint(Stream source);

    /// <summary>Writes the weights as safetensors in PyTorch's layout (nn.Linear: layers.{i}.weight [out, in], layers.{i}.bias).</summary>
    public abstract void ExportWeights(Stream destination);

    /// <summary>Reads weights written by <see cref="ExportWeights"/> (or by PyTorch with the same names and shapes).</summary>
    public abstract void ImportWeights(Stream source);

    /// <summary>Stops the run's kernel worker threads; the trainer cannot step afterwards.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
