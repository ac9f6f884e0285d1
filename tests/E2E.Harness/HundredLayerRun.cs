using System.Net.Http.Json;
using System.Text.Json;
using GradientService.Contracts.Wire;

namespace GradientService.E2E.Harness;

/// <summary>The dashboard's heaviest live case: a 100-layer ReLU network (99 hidden layers + read-out, width 16) streaming every step.</summary>
public static class HundredLayerRun
{
    public const int Layers = 100;

    public static async Task<Guid> SubmitAsync(AppHost app, int steps)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var spec = new
        {
            name = "100-layer ReLU, He init",
            model = new { architecture = "mlp", depth = Layers - 1, width = 16, activation = "relu" },
            init = new { scheme = "he-normal" },
            data = new { kind = "moons", samples = 1000 },
            optimizer = new { kind = "sgd", learningRate = 0.01 },
            training = new { batchSize = 16, steps, evalEvery = 0 },
        };
        using var response = await http.PostAsJsonAsync("api/runs", spec);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RunCreated>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!.Id; // a 202 carries the run
    }
}
