using GradientService.Contracts.Spec;

namespace GradientService.Api.Endpoints;

/// <summary>The working examples shown in Swagger UI.</summary>
public static class Examples
{
    /// <summary>A placeholder id: list runs first (GET /api/runs) and paste a real one.</summary>
    public const string RunId = "0193a5c1-7e55-7b2e-9c3d-2f1e0a9b8c7d";

    /// <summary>A small, fast run: a 6-layer sigmoid net on two moons, where the gradient visibly fades toward the input.</summary>
    public static readonly RunSpec Spec = new()
    {
        Name = "6-layer sigmoid on moons",
        Model = new MlpSpec { Depth = 6, Width = 32, Activation = ActivationKind.Sigmoid },
        Init = new InitSpec { Scheme = InitScheme.XavierNormal },
        Data = new DataSpec { Kind = DatasetKind.Moons, Samples = 1000, Noise = 0.1 },
        Optimizer = new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = 0.5 },
        Training = new TrainingSpec { Loss = LossKind.CrossEntropy, BatchSize = 32, Steps = 500, EvalEvery = 50, Seed = 42 },
    };
}
