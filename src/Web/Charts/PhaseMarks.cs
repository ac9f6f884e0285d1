using GradientService.Contracts.Spec;

namespace GradientService.Web.Charts;

/// <summary>
/// A pretraining run's phase boundaries as labelled vertical marks on the step charts: "pretrain layer l" where hidden
/// layer l's pretraining starts, "fine-tune" where backprop over the whole net starts (<see cref="PretrainingSpec.Boundaries"/>).
/// </summary>
public static class PhaseMarks
{
    public const string Kind = "phase";

    /// <summary>The marks of <paramref name="spec"/>'s phases; none without pretraining.</summary>
    public static IReadOnlyList<ChartMark> Of(RunSpec spec) =>
        [.. spec.Pretraining.Boundaries(PretrainingSpec.DepthOf(spec.Model)).Select(b => new ChartMark(b.Step - 0.5, Kind, b.Label))];
}
