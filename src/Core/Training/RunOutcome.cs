namespace GradientService.Core.Training;

/// <summary>How a training run ended.</summary>
public enum RunOutcome
{
    Completed,
    Cancelled,
    /// <summary>A loss or gradient became NaN or ±∞; see <see cref="TrainingResult.Divergence"/>.</summary>
    Diverged,
}

/// <summary>Where a run diverged: the step, the first layer (1-based, input side first) found non-finite, and what was.</summary>
public sealed record Divergence(int Step, int Layer, string Reason);

/// <summary>The end of <see cref="Trainer.Run"/>.</summary>
public sealed record TrainingResult(RunOutcome Outcome, int StepsDone, Divergence? Divergence);
