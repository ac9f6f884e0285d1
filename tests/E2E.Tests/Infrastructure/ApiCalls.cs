using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Core.Contracts;

namespace GradientService.E2E.Tests.Infrastructure;

/// <summary>Submits runs over HTTP, as a script would, to set up what a browser test then looks at.</summary>
public static class ApiCalls
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<Guid> SubmitPresetAsync(AppHost app, string preset, int steps)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var patch = new JsonObject { ["training"] = new JsonObject { ["steps"] = steps } };
        using var response = await http.PostAsJsonAsync($"api/runs/from-preset/{preset}", patch);
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<RunCreated>(Json);
        return created!.Id; // a 202 always carries the created run
    }
}
