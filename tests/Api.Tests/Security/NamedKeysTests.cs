using System.Net;
using GradientService.Api.Options;
using GradientService.Api.Security;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Tests.Security;

/// <summary>Several named keys stored as SHA-256 digests, reads protected: the HTTP endpoints and the hub apply one rule.</summary>
public sealed class NamedKeysTests(NamedKeysTests.Factory factory) : IClassFixture<NamedKeysTests.Factory>
{
    public sealed class Factory : ApiFactory
    {
        protected override IEnumerable<(string Key, string Value)> Settings() =>
        [
            .. base.Settings(),
            ("Security:Keys:alice", ApiKey.Hash("alice-key")),
            ("Security:Keys:ci", ApiKey.Hash("ci-key")),
            ("Security:ProtectReads", "true"),
        ];
    }

    private HttpClient Client(string? key)
    {
        var client = factory.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    [Theory]
    [InlineData("alice-key")]
    [InlineData("ci-key")]
    public async Task Read_WithAnyConfiguredKey_Returns200(string key) =>
        Assert.Equal(HttpStatusCode.OK, (await Client(key).GetAsync("/api/runs")).StatusCode);

    [Theory]
    [InlineData(null)]
    [InlineData("bob-key")]
    [InlineData("sha256:1f2e")] // the stored form is not a key
    public async Task Read_WithoutAKnownKey_Returns401(string? key) =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(key).GetAsync("/api/runs")).StatusCode);

    [Fact]
    public async Task Submit_WithAConfiguredKey_Returns202() =>
        Assert.Equal(HttpStatusCode.Accepted, (await Client("ci-key").PostAsync("/api/runs", Json.Body(Json.TinySpec(steps: 3)))).StatusCode);

    private HubConnection Hub(string? key) => KeyedHub.Connect(factory, key);

    [Fact]
    public async Task Hub_WithoutKeyWhileReadsAreProtected_CannotSubscribe()
    {
        factory.CreateClient();
        await using var hub = Hub(null);

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await hub.StartAsync();
            await hub.InvokeAsync<SubscribeResult>(nameof(IRunsHub.SubscribeToRun), Guid.NewGuid(), 0);
        });
    }

    [Fact]
    public async Task Hub_WithANamedKey_Subscribes()
    {
        factory.CreateClient();
        await using var hub = Hub("alice-key");
        await hub.StartAsync();

        Assert.False((await hub.InvokeAsync<SubscribeResult>(nameof(IRunsHub.SubscribeToRun), Guid.NewGuid(), 0)).Found);
    }
}

/// <summary>The keyring itself: digests only, revocation by configuration, and the stored form checked at start.</summary>
public sealed class ApiKeyRingTests
{
    private sealed class Monitor(SecurityOptions value) : IOptionsMonitor<SecurityOptions>
    {
        public SecurityOptions CurrentValue { get; set; } = value;

        public SecurityOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<SecurityOptions, string?> listener) => null;
    }

    private static HttpContext Request(string key)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers[SecurityOptions.ApiKeyHeader] = key;
        return http;
    }

    [Fact]
    public void Match_NamesTheKeyPresented_AndForgetsARemovedOne()
    {
        var monitor = new Monitor(new SecurityOptions { Keys = new() { ["alice"] = ApiKey.Hash("a"), ["ci"] = ApiKey.Hash("c") } });
        var keys = new ApiKey(monitor);
        Assert.Equal("ci", keys.Match(Request("c")));

        monitor.CurrentValue = new SecurityOptions { Keys = new() { ["alice"] = ApiKey.Hash("a") } };

        Assert.Null(keys.Match(Request("c")));
        Assert.Equal("alice", keys.Match(Request("a")));
    }

    [Fact]
    public void Match_TheClearShortcutKey_IsNamedDefault()
    {
        var keys = new ApiKey(new Monitor(new SecurityOptions { ApiKey = "s3cret" }));

        Assert.True(keys.Required);
        Assert.Equal(ApiKey.DefaultName, keys.Match(Request("s3cret")));
    }

    [Fact]
    public void Hash_IsTheSha256HexOfTheKey() =>
        Assert.Equal("sha256:2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b", ApiKey.Hash("secret"));

    [Fact]
    public void Validate_AKeyStoredInClear_FailsNamingEachBadEntry()
    {
        var result = new SecurityKeysValidation().Validate(null,
            new SecurityOptions { Keys = new() { ["alice"] = "hunter2", ["ci"] = ApiKey.Hash("c"), ["bob"] = "sha256:xyz" } });

        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Security:Keys:alice ", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Security:Keys:bob ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://127.8.0.1:80", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://+:8080", false)]
    [InlineData("http://192.168.1.4:8080", false)]
    [InlineData("https://gradients.example.org", false)]
    public void IsLoopback_TellsAddressesOnlyThisMachineReaches(string address, bool loopback) =>
        Assert.Equal(loopback, ExposureCheck.IsLoopback(address));
}
