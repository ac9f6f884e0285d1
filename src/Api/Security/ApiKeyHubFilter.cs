using Microsoft.AspNetCore.SignalR;

namespace GradientService.Api.Security;

/// <summary>With an API key configured, a hub connection must present it (X-Api-Key header or ?access_token=).</summary>
public sealed class ApiKeyHubFilter(ApiKey key) : IHubFilter
{
    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var http = context.Context.GetHttpContext();
        if (key.Required && (http is null || !key.Accepts(http))) throw new HubException("API key required.");
        return next(context);
    }
}
