using GradientService.Core.Probes;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;
using GradientService.Core.Training;

namespace GradientService.Core.Layers;

/// <summary>A model the trainer can step: feedforward stacks and recurrent nets.</summary>
internal interface INetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    ModelInfo Info { get; }

    /// <summary>Every trainable tensor, in a fixed order (optimizer state and checkpoints follow it).</summary>
    IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Non-trainable state (batch-norm running statistics), in a fixed order.</summary>
    IReadOnlyList<(string Name, T[] Data)> Buffers { get; }

    /// <summary>State the probes carry from step to step (σ_max's warm start): not part of the model, so checkpoints keep
    /// it (a resumed run's probes are bitwise the whole run's) and weight exports do not.</summary>
    IReadOnlyList<(string Name, double[] Data)> ProbeState { get; }

    /// <summary>Draws the initial weights (the spec's schemes) and sets the biases; the only use of <paramref name="rng"/>.</summary>
    void Initialize(InitSpec init, Rng rng);

    /// <summary>Forward pass over the batch rows of <paramref name="input"/>; returns the logits [predictions, outputs].
    /// With <paramref name="record"/>, fills the forward probes of each layer.</summary>
    MatrixView<T> Forward(MatrixView<T> input, bool training, StepRecord? record);

    /// <summary>Where the loss writes ∂L/∂logits for a batch of <paramref name="rows"/> examples.</summary>
    MatrixView<T> LogitsGradient(int rows);

    /// <summary>Back-propagates ∂L/∂logits through the last training forward: every parameter's Grad, and, with
    /// <paramref name="record"/>, the backward probes; with <paramref name="gradSquares"/>, each parameter's Σ(∂L/∂p)²
    /// (float64, in <see cref="Parameters"/> order), taken where it is cheapest.</summary>
    void Backward(MatrixView<T> input, StepRecord? record, double[]? gradSquares = null);
}
