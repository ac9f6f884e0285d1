using GradientService.Contracts.Spec;

namespace GradientService.Core.Optimizers;

/// <summary>
/// η at a step under the spec's schedule, in the closed forms of PyTorch's StepLR and CosineAnnealingLR, times the linear
/// warm-up's factor min(1, t/W) (LinearLR from 1/W to 1 over the first W steps, chained with the schedule: the schedule's
/// clock runs from step 1, warm-up or not).
/// </summary>
public static class LearningRateSchedule
{
    /// <summary>
    /// η_t for 1-based <paramref name="step"/> ≤ <paramref name="totalSteps"/>: none → η; step → η·γ^⌊(t−1)/StepEvery⌋;
    /// cosine → η_min + (η − η_min)(1 + cos(π(t−1)/T))/2 with T = <paramref name="totalSteps"/> (T_max of CosineAnnealingLR);
    /// each times <see cref="Warmup"/>.
    /// </summary>
    public static double At(OptimizerSpec spec, int step, int totalSteps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        var eta = spec.LearningRate;
        var scheduled = spec.Schedule switch
        {
            ScheduleKind.None => eta,
            ScheduleKind.Step => eta * Math.Pow(spec.StepGamma, (step - 1) / spec.StepEvery),
            ScheduleKind.Cosine => spec.MinLearningRate
                + (eta - spec.MinLearningRate) * (1 + Math.Cos(Math.PI * (step - 1) / totalSteps)) / 2,
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Schedule, "Unknown schedule."),
        };
        return Warmup(spec, step) * scheduled;
    }

    /// <summary>The warm-up's factor at 1-based <paramref name="step"/>: t/W for t &lt; W, else 1 (no warm-up: 1).</summary>
    public static double Warmup(OptimizerSpec spec, int step) =>
        step < spec.WarmupSteps ? (double)step / spec.WarmupSteps : 1;
}
