using System.Net;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.SignalR.Client;

namespace GradientService.Api.Tests.Security;

public sealed class ApiKeyTests(ApiKeyTests.Factory factory) : IClassFixture<ApiKeyTests.Factory>
{
    public sealed class Factory : ApiFactory
    {
        protected override IEnumerable<(string Key, string Value)> Settings() => [.. base.Settings(), ("Security:ApiKey", "s3cret")];
    }

    [Fact]
    public async Task Submit_WithoutKey_Returns401()
    {
        var response = await factory.CreateClient().PostAsync("/api/runs", Json.Body(Json.TinySpec()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Submit_WithKey_Returns202()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "s3cret");

        var response = await client.PostAsync("/api/runs", Json.Body(Json.TinySpec(steps: 3)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task List_WithoutKey_StaysOpenByDefault()
    {
        var response = await factory.CreateClient().GetAsync("/api/runs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private HubConnection Hub(string? key) => KeyedHub.Connect(factory, key);

    [Fact]
    public async Task Hub_WithoutKeyWhileReadsAreOpen_SubscribesLikeAGet()
    {
        factory.CreateClient();
        await using var hub = Hub(null);
        await hub.StartAsync();

        var result = await hub.InvokeAsync<SubscribeResult>(nameof(IRunsHub.SubscribeToRun), Guid.NewGuid(), 0);

        Assert.False(result.Found);
    }

    [Fact]
    public async Task Hub_WithKeyInTheQuery_Subscribes()
    {
        factory.CreateClient();
        await using var hub = Hub("s3cret");
        await hub.StartAsync();

        var result = await hub.InvokeAsync<SubscribeResult>(nameof(IRunsHub.SubscribeToRun), Guid.NewGuid(), 0);

        Assert.False(result.Found);
    }
}
