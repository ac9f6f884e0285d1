using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace GradientService.Api.Tests.Security;

/// <summary>A bare hub connection over the test server that presents <c>key</c> as ?access_token= (none when null).</summary>
internal static class KeyedHub
{
    public static HubConnection Connect(WebApplicationFactory<Program> factory, string? key) => new HubConnectionBuilder()
        .WithUrl(new Uri(factory.Server.BaseAddress, HubRoutes.Runs.TrimStart('/') + (key is null ? "" : $"?{HubRoutes.ApiKeyQuery}={key}")), options =>
        {
            options.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
            options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
        })
        .Build();
}
