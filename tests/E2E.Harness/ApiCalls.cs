using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Contracts.Wire;

namespace GradientService.E2E.Harness;

/// <summary>Submits runs over HTTP, as a script would, to set up what a browser test then looks at.</summary>
public static class ApiCalls
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals, // the Api writes NaN as "NaN"
    };

    public static Task<Guid> SubmitPresetAsync(AppHost app, string preset, int steps) =>
        SubmitPresetAsync(app, preset, new JsonObject { ["training"] = new JsonObject { ["steps"] = steps } });

    /// <summary>Submits a preset with <paramref name="patch"/> merged into its spec (POST /api/runs/from-preset/{name}).</summary>
    public static async Task<Guid> SubmitPresetAsync(AppHost app, string preset, JsonObject patch)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var response = await http.PostAsJsonAsync($"api/runs/from-preset/{preset}", patch);
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<RunCreated>(Json);
        return created!.Id; // a 202 always carries the created run
    }

    /// <summary>Submits a sweep (POST /api/sweeps) and returns its id.</summary>
    public static async Task<Guid> SubmitSweepAsync(AppHost app, SweepRequest request)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var response = await http.PostAsJsonAsync("api/sweeps", request, Json);
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonObject>(Json);
        return created!["id"]!.GetValue<Guid>(); // a 202 always carries the sweep's id
    }

    public static async Task<RunDetail> RunAsync(AppHost app, Guid id)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        return (await http.GetFromJsonAsync<RunDetail>($"api/runs/{id}", Json))!; // a known run always answers
    }

    /// <summary>One field of every layer at the run's last recorded step (GET /api/runs/{id}/depth-profile).</summary>
    public static async Task<DepthProfile> DepthProfileAsync(AppHost app, Guid id, string field)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        return (await http.GetFromJsonAsync<DepthProfile>($"api/runs/{id}/depth-profile?fields={field}", Json))!; // a run with steps always answers
    }

    public static async Task CancelAsync(AppHost app, Guid id)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var response = await http.PostAsync($"api/runs/{id}/cancel", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Steps the store holds for the run.</summary>
    public static async Task<int> StepsDoneAsync(AppHost app, Guid id)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var run = await http.GetFromJsonAsync<RunDetail>($"api/runs/{id}", Json);
        return run!.Summary.StepsDone; // a known run always answers
    }
}
