using Microsoft.AspNetCore.SignalR;

namespace GradientService.Api.Security;

/// <summary>
/// The hub's live stream is a read: like GET endpoints, a connection must present a key (X-Api-Key header or
/// ?access_token=) when reads are protected.
/// </summary>
public sealed class ApiKeyHubFilter(ApiKey key) : IHubFilter
{
    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var http = context.Context.GetHttpContext();
        if (key.ProtectsReads && (http is null || !key.Accepts(http))) throw new HubException("API key required.");
        return next(context);
    }
}
