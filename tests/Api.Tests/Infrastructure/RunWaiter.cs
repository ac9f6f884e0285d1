using System.Net.Http.Json;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Infrastructure;

/// <summary>Waits for a run to reach a state, with a timeout (no fixed sleeps).</summary>
public static class RunWaiter
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<RunDetail> UntilAsync(HttpClient client, Guid id, Func<RunDetail, bool> done)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            var run = await client.GetFromJsonAsync<RunDetail>($"/api/runs/{id}", Json.Options, timeout.Token);
            if (run is not null && done(run)) return run;
            await Task.Delay(20, timeout.Token);
        }
    }

    public static Task<RunDetail> FinishedAsync(HttpClient client, Guid id) => UntilAsync(client, id, r => r.Summary.Status.IsFinal());
}
