using System.Net;
using GradientService.Api.Tests.Infrastructure;

namespace GradientService.Api.Tests;

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
}
