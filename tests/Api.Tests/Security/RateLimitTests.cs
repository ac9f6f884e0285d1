using System.Net;
using GradientService.Api.Tests.Infrastructure;

namespace GradientService.Api.Tests.Security;

public sealed class RateLimitTests(RateLimitTests.Factory factory) : IClassFixture<RateLimitTests.Factory>
{
    public sealed class Factory : ApiFactory
    {
        protected override IEnumerable<(string Key, string Value)> Settings() =>
            [.. base.Settings(), ("Security:SubmissionsPerWindow", "2"), ("Security:SubmissionWindow", "01:00:00")];
    }

    [Fact]
    public async Task Submit_OverTheRateLimit_Returns429WithRetryAfter()
    {
        var client = factory.CreateClient();
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/runs", Json.Body(Json.TinySpec(steps: 3)))).StatusCode);

        var rejected = await client.PostAsync("/api/runs", Json.Body(Json.TinySpec(steps: 3)));

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.True(rejected.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
    }
}
