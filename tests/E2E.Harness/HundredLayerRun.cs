using System.Net.Http.Json;
using System.Text.Json;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;

namespace GradientService.E2E.Harness;

/// <summary>
/// The dashboard's heaviest live case: a 100-layer ReLU network (99 hidden layers + read-out, width 16, batch 16)
/// streaming every step; the smallest 100-layer net the engine trains at ≥ 2,000 steps/s on the 2-core host (issue 17).
/// </summary>
public static class HundredLayerRun
{
    public const int Layers = 100;

    /// <summary>The run's spec, as submitted (the render benchmark also trains it bare, for its reference).</summary>
    public static RunSpec Spec(int steps) => new()
    {
        Name = "100-layer ReLU, He init",
        Model = new MlpSpec { Depth = Layers - 1, Width = 16, Activation = ActivationKind.Relu },
        Init = new InitSpec { Scheme = InitScheme.HeNormal },
        Data = new DataSpec { Kind = DatasetKind.Moons, Samples = 1000 },
        Optimizer = new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = 0.01 },
        Training = new TrainingSpec { BatchSize = 16, Steps = steps, EvalEvery = 0 },
    };

    public static async Task<Guid> SubmitAsync(AppHost app, int steps)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var response = await http.PostAsJsonAsync("api/runs", Spec(steps), SpecJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RunCreated>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!.Id; // a 202 carries the run
    }
}
