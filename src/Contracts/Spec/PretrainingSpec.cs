using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace GradientService.Contracts.Spec;

/// <summary>
/// Greedy layer-wise pretraining of an mlp (Hinton, Osindero &amp; Teh 2006; Bengio et al. 2007): hidden layer l = 1 … D
/// is trained alone, unsupervised, on the codes of the frozen layers below, for <see cref="StepsPerLayer"/> steps each;
/// then the whole net is fine-tuned by backprop. <see cref="TrainingSpec.Steps"/> counts both: pretraining takes the
/// first D × <see cref="StepsPerLayer"/> steps of the run, fine-tuning the rest (a shorter run ends while pretraining).
/// </summary>
public sealed record PretrainingSpec
{
    [Description("none: plain backprop from the random init. autoencoder: each hidden layer learns to reconstruct its input through a decoder (Bengio et al. 2007). rbm: each hidden layer is a restricted Boltzmann machine trained by contrastive divergence, the deep-belief-net recipe (Hinton, Osindero & Teh 2006). mlp only.")]
    public PretrainingKind Kind { get; init; } = PretrainingKind.None;

    [Range(1, Limits.MaxSteps)]
    [ShownWhen("pretraining.kind", "autoencoder", "rbm")]
    [Description("Steps spent on each hidden layer; pretraining takes depth × this many of training.steps, fine-tuning the rest (a shorter run ends while pretraining).")]
    public int StepsPerLayer { get; init; } = 500;

    [ShownWhen("pretraining.kind", "autoencoder", "rbm")]
    [Description("The pretraining steps' optimizer (its other settings, such as momentum and β, are the run's optimizer's); fine-tuning uses optimizer.kind. An adaptive one (adam) moves deep layers whose codes vary little as fast as the first.")]
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    [Range(0, Limits.MaxLearningRate)]
    [ShownWhen("pretraining.kind", "autoencoder", "rbm")]
    [Description("η of the pretraining steps (constant, no schedule); fine-tuning uses optimizer.learningRate.")]
    public double LearningRate { get; init; } = 0.1;

    [ShownWhen("pretraining.kind", "autoencoder")]
    [Description("Tied: the decoder reuses the encoder's weights transposed (x̂ = ψ(h·W + c)); untied: it has a matrix of its own.")]
    public bool TiedWeights { get; init; } = true;

    [ShownWhen("pretraining.kind", "autoencoder", "rbm")]
    [Description("ψ of the first layer's decoder, which reconstructs the data: identity for any real inputs (an rbm's Gaussian visible units), sigmoid for inputs in [0, 1] (Bernoulli visible units). Higher layers reconstruct codes and use the net's own activation.")]
    public DecoderActivation DecoderActivation { get; init; } = DecoderActivation.Identity;

    [Range(1, Limits.MaxCdSteps)]
    [ShownWhen("pretraining.kind", "rbm")]
    [Description("k of contrastive divergence CD-k: Gibbs steps from the data before the negative statistics are taken (Hinton 2002; k = 1 is the usual choice).")]
    public int CdSteps { get; init; } = 1;

    /// <summary>Steps the pretraining takes in a net of <paramref name="depth"/> hidden layers (0 without pretraining).</summary>
    public int Steps(int depth) => Kind == PretrainingKind.None ? 0 : depth * StepsPerLayer;

    /// <summary>The phase of 1-based <paramref name="step"/>: the hidden layer l (1 … depth) pretrained at it, or 0 while fine-tuning.</summary>
    public int PhaseAt(int step, int depth) => step <= Steps(depth) ? (step - 1) / StepsPerLayer + 1 : 0;

    /// <summary>
    /// The first step of each phase with its label, in order ("pretrain layer 1" at step 1 … "fine-tune" at D·S + 1);
    /// empty without pretraining.
    /// </summary>
    public IReadOnlyList<(int Step, string Label)> Boundaries(int depth) => Kind == PretrainingKind.None ? [] :
        [.. Enumerable.Range(1, depth).Select(l => ((l - 1) * StepsPerLayer + 1, $"pretrain layer {l}")), (Steps(depth) + 1, "fine-tune")];

    /// <summary>Whether this pretraining can run on <paramref name="model"/>: none always; otherwise a plain mlp without normalisation, with sigmoid units for an rbm.</summary>
    public bool Fits(ModelSpec model) => Kind == PretrainingKind.None
        || model is MlpSpec { Normalization: Normalization.None } mlp && (Kind != PretrainingKind.Rbm || mlp.Activation == ActivationKind.Sigmoid);

    /// <summary>Hidden layers of a spec's model (its depth for pretraining; 0 for models that cannot be pretrained).</summary>
    public static int DepthOf(ModelSpec model) => model is MlpSpec mlp ? mlp.HiddenWidths().Length : 0;
}
