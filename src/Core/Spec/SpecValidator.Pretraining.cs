using GradientService.Contracts.Spec;

namespace GradientService.Core.Spec;

public static partial class SpecValidator
{
    /// <summary>
    /// The pretraining's own ranges, and what it needs of the rest: a plain mlp without normalisation (a layer's code must
    /// be its own φ(W·x + b)) and sigmoid units for an rbm (its hidden units are logistic). A run shorter than the
    /// pretraining is allowed (it ends while pretraining), so a shortened preset stays valid.
    /// </summary>
    private static void CheckPretraining(PretrainingSpec pretraining, ModelSpec? model, SpecErrorList errors)
    {
        errors.Defined("pretraining.kind", pretraining.Kind);
        errors.Between("pretraining.stepsPerLayer", pretraining.StepsPerLayer, 1, Limits.MaxSteps);
        errors.Defined("pretraining.optimizer", pretraining.Optimizer);
        errors.AboveAtMost("pretraining.learningRate", pretraining.LearningRate, 0, Limits.MaxLearningRate);
        errors.Defined("pretraining.decoderActivation", pretraining.DecoderActivation);
        errors.Between("pretraining.cdSteps", pretraining.CdSteps, 1, Limits.MaxCdSteps);
        if (pretraining.Kind == PretrainingKind.None || model is null) return;

        var kind = SpecErrorList.Name(pretraining.Kind);
        if (model is not MlpSpec mlp)
        {
            errors.Add("pretraining.kind", $"{kind} pretraining needs an mlp (layer by layer, each code the input of the next); got {SpecErrorList.Name(model.Architecture)}");
            return;
        }
        if (mlp.Normalization != Normalization.None)
            errors.Add("pretraining.kind", $"{kind} pretraining needs model.normalization none (a layer's code is φ(W·x + b)); got {SpecErrorList.Name(mlp.Normalization)}");
        if (pretraining.Kind == PretrainingKind.Rbm && mlp.Activation != ActivationKind.Sigmoid)
            errors.Add("pretraining.kind", $"rbm pretraining needs model.activation sigmoid (an RBM's hidden units are logistic); got {SpecErrorList.Name(mlp.Activation)}");
    }
}
