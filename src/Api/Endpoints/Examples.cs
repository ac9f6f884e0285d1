using System.Text.Json.Nodes;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;

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

    /// <summary>A placeholder sweep id: list sweeps first (GET /api/sweeps) and paste a real one.</summary>
    public const string SweepId = "0193a5c1-7e55-7b2e-9c3d-5a4b3c2d1e0f";

    /// <summary>
    /// The order-to-chaos plane of a 20-layer tanh net: 5 σ_w² × 3 σ_b² = 15 short runs, whose matrix carries the phase diagram
    /// (the critical line crosses σ_w² ≈ 1.76 at σ_b² = 0.05).
    /// </summary>
    public static readonly SweepRequest Sweep = new("tanh order to chaos", null,
        new JsonObject
        {
            ["model"] = new JsonObject { ["architecture"] = "mlp", ["activation"] = "tanh", ["depth"] = 20, ["width"] = 64 },
            ["init"] = new JsonObject { ["scheme"] = "scaled-normal" },
            ["training"] = new JsonObject { ["steps"] = 300 },
        },
        [
            new SweepAxis("init.weightVariance", [1.0, 1.5, 2.0, 3.0, 4.0]),
            new SweepAxis("init.biasVariance", [0.0, 0.05, 0.1]),
        ]);
}
