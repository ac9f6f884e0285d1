using GradientService.Contracts.Schema;
using GradientService.Core.Data;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests.Spec;

/// <summary>Stand-in data shapes, so the rules between model and data are tested without generating any data.</summary>
internal static class SpecCases
{
    public static readonly DataShape Moons = new(2, 2, true, 1, 1, false);
    public static readonly DataShape Sine = new(1, 1, false, 1, 1, false);
    public static readonly DataShape Adding = new(2, 1, false, 50, 1, true);
    public static readonly DataShape Copy = new(10, 10, true, 50, 50, true);

    /// <summary>The validator with <paramref name="shape"/> as the data set's shape and no data problems.</summary>
    public static IReadOnlyList<SpecError> Validate(RunSpec spec, DataShape shape) => SpecValidator.Validate(spec, (_, _) => { }, _ => shape);

    public static RunSpec Recurrent(Architecture architecture, DatasetKind kind = DatasetKind.Adding) => new()
    {
        Model = SpecSchema.NewModel(architecture) with { Activation = ActivationKind.Tanh },
        Data = new DataSpec { Kind = kind },
        Training = new TrainingSpec { Loss = LossKind.Mse },
    };

    public static string[] Fields(IReadOnlyList<SpecError> errors) => [.. errors.Select(e => e.Field)];
}
