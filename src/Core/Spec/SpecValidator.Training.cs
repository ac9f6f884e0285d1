using GradientService.Contracts.Spec;

namespace GradientService.Core.Spec;

public static partial class SpecValidator
{
    private static void CheckOptimizer(OptimizerSpec optimizer, SpecErrorList errors)
    {
        errors.Defined("optimizer.kind", optimizer.Kind);
        var rate = errors.AboveAtMost("optimizer.learningRate", optimizer.LearningRate, 0, Limits.MaxLearningRate);
        errors.Between("optimizer.weightDecay", optimizer.WeightDecay, 0, Limits.MaxWeightDecay);

        // PyTorch's own constructor checks: 0 ≤ μ, β < 1; Nesterov needs μ > 0; 0 < η⁻ < 1 < η⁺.
        if (errors.AtLeastBelow("optimizer.momentum", optimizer.Momentum, 0, 1)
            && optimizer is { Kind: OptimizerKind.Momentum, Nesterov: true, Momentum: 0 })
            errors.Add("optimizer.nesterov", "needs optimizer.momentum greater than 0; got 0");
        errors.AtLeastBelow("optimizer.beta1", optimizer.Beta1, 0, 1);
        errors.AtLeastBelow("optimizer.beta2", optimizer.Beta2, 0, 1);
        errors.Between("optimizer.alpha", optimizer.Alpha, 0, 1);
        errors.AboveAtMost("optimizer.epsilon", optimizer.Epsilon, 0, Limits.MaxOptimizerEpsilon);
        errors.AboveBelow("optimizer.etaMinus", optimizer.EtaMinus, 0, 1);
        errors.AboveAtMost("optimizer.etaPlus", optimizer.EtaPlus, 1, Limits.MaxEtaPlus);
        var low = errors.Between("optimizer.stepSizeMin", optimizer.StepSizeMin, 0, Limits.MaxLearningRate);
        var high = errors.AboveAtMost("optimizer.stepSizeMax", optimizer.StepSizeMax, 0, Limits.MaxLearningRate);
        if (low && high && optimizer.StepSizeMin > optimizer.StepSizeMax)
            errors.Add("optimizer.stepSizeMin", SpecErrorList.Invariant(
                $"must not exceed optimizer.stepSizeMax ({optimizer.StepSizeMax}); got {optimizer.StepSizeMin}"));

        errors.Defined("optimizer.schedule", optimizer.Schedule);
        errors.Between("optimizer.stepEvery", optimizer.StepEvery, 1, Limits.MaxSteps);
        errors.AboveAtMost("optimizer.stepGamma", optimizer.StepGamma, 0, 1);
        errors.Between("optimizer.warmupSteps", optimizer.WarmupSteps, 0, Limits.MaxSteps);
        if (errors.Between("optimizer.minLearningRate", optimizer.MinLearningRate, 0, Limits.MaxLearningRate)
            && rate && optimizer.Schedule == ScheduleKind.Cosine && optimizer.MinLearningRate > optimizer.LearningRate)
            errors.Add("optimizer.minLearningRate", SpecErrorList.Invariant(
                $"must not exceed optimizer.learningRate ({optimizer.LearningRate}) under the cosine schedule; got {optimizer.MinLearningRate}"));
    }

    private static void CheckClipping(ClippingSpec clipping, SpecErrorList errors)
    {
        errors.Defined("clipping.mode", clipping.Mode);
        errors.AboveAtMost("clipping.threshold", clipping.Threshold, 0, Limits.MaxThreshold);
    }

    private static void CheckTraining(TrainingSpec training, SpecErrorList errors)
    {
        errors.Defined("training.loss", training.Loss);
        errors.Defined("training.output", training.Output);
        errors.Between("training.batchSize", training.BatchSize, 1, Limits.MaxBatchSize);
        errors.Between("training.l2", training.L2, 0, Limits.MaxL2);
        errors.Between("training.steps", training.Steps, 1, Limits.MaxSteps);
        errors.Between("training.evalEvery", training.EvalEvery, 0, Limits.MaxSteps);
        errors.Defined("training.precision", training.Precision);
        errors.Between("training.timeLagEvery", training.TimeLagEvery, 0, Limits.MaxSteps);
    }
}
