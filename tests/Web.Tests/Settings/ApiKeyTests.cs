using System.Net;
using GradientService.Web.Services;
using GradientService.Web.Settings;
using GradientService.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GradientService.Web.Tests.Settings;

public sealed class ApiKeyTests : DashboardContext
{
    private readonly Guid _id = Guid.NewGuid();

    [Fact]
    public void Field_SaveAKey_StoresItInLocalStorage()
    {
        var field = Render<ApiKeyField>();

        field.Find("[data-testid=api-key-input]").Change("  s3cret ");
        field.Find("[data-testid=api-key]").Submit();

        field.WaitForAssertion(() => Assert.Equal("saved", field.Find("[data-testid=api-key-note]").TextContent));
        var stored = Assert.Single(JSInterop.Invocations, i => i.Identifier == "localStorage.setItem");
        Assert.Equal([ApiKeyStore.StorageKey, "s3cret"], stored.Arguments);
    }

    [Fact]
    public void Field_SaveBlank_RemovesTheStoredKey()
    {
        JSInterop.Setup<string?>("localStorage.getItem", ApiKeyStore.StorageKey).SetResult("old");
        var field = Render<ApiKeyField>();
        field.WaitForAssertion(() => Assert.Equal("stored", field.Find("[data-testid=api-key-note]").TextContent));

        field.Find("[data-testid=api-key-input]").Change("");
        field.Find("[data-testid=api-key]").Submit();

        field.WaitForAssertion(() => Assert.Equal("cleared", field.Find("[data-testid=api-key-note]").TextContent));
        Assert.Single(JSInterop.Invocations, i => i.Identifier == "localStorage.removeItem");
    }

    [Fact]
    public async Task ApiCall_WithAStoredKey_SendsItInTheApiKeyHeader()
    {
        JSInterop.Setup<string?>("localStorage.getItem", ApiKeyStore.StorageKey).SetResult("s3cret");
        Http.On(HttpMethod.Post, $"api/runs/{_id}/cancel", _ => new HttpResponseMessage(HttpStatusCode.Accepted));

        var problem = await Services.GetRequiredService<ApiClient>().CancelAsync(_id);

        Assert.Null(problem);
        Assert.Equal(("POST api/runs/" + _id + "/cancel", "s3cret"), Assert.Single(Http.ApiKeys));
    }

    [Fact]
    public async Task ApiCall_WithoutAKey_SendsNoHeader()
    {
        Http.On(HttpMethod.Post, $"api/runs/{_id}/cancel", _ => new HttpResponseMessage(HttpStatusCode.Accepted));

        await Services.GetRequiredService<ApiClient>().CancelAsync(_id);

        Assert.Null(Assert.Single(Http.ApiKeys).ApiKey);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "API key required")]
    [InlineData(HttpStatusCode.Forbidden, "API key not allowed")]
    public async Task ApiCall_RefusedForTheKey_ProblemSaysWhereToEnterIt(HttpStatusCode status, string title)
    {
        Http.On(HttpMethod.Post, $"api/runs/{_id}/cancel", _ => StubHttp.Json(new { title = "API key required", status = (int)status }, status, "application/problem+json"));

        var problem = await Services.GetRequiredService<ApiClient>().CancelAsync(_id);

        Assert.NotNull(problem);
        Assert.Equal(title, problem.Title);
        Assert.Contains("API key field at the top of the page", problem.Detail);
    }
}
