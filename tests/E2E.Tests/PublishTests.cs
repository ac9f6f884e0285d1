using System.Net;
using System.Text.RegularExpressions;
using GradientService.E2E.Harness;
using GradientService.E2E.Tests.Infrastructure;
using GradientService.Tests.Shared;
using Microsoft.Playwright;

namespace GradientService.E2E.Tests;

/// <summary>
/// What the Docker image ships is `dotnet publish` of the Api: its index.html must name only files the publish wrote, and
/// the published Api must serve them (.NET 10 left "#[.{fingerprint}]" placeholders unreplaced when the host published
/// the WebAssembly app, dotnet/aspnetcore#64199, and the dashboard never loaded).
/// </summary>
public sealed partial class PublishTests(PublishedApp published) : IClassFixture<PublishedApp>
{
    [Fact]
    public async Task PublishedIndexHtml_NamesScriptsAndStylesheets_EveryOneIsAPublishedFile()
    {
        var assets = await AssetsAsync();

        Assert.Contains(assets, BlazorScript().IsMatch);
        Assert.All(assets, path => Assert.True(File.Exists(Path.Combine(published.WebRoot, path)), $"index.html names {path}, which the publish did not write"));
    }

    [Fact]
    public async Task PublishedApi_Started_ServesTheDashboardAndEveryAssetItNames()
    {
        var assets = await AssetsAsync();
        await using var api = await ApiProcess.StartAsync(published.Output, Path.Combine(published.DataFolder, "gradients.db"));
        using var client = api.CreateClient();

        using var index = await client.GetAsync("");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(published.WebRoot, "index.html")), await index.Content.ReadAsStringAsync());
        foreach (var path in assets)
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /{path}: {(int)response.StatusCode} {response.StatusCode}");
            // The file itself, not index.html from the fallback route.
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(published.WebRoot, path)), await response.Content.ReadAsByteArrayAsync());
        }
    }

    /// <summary>
    /// The trimmed WebAssembly app the image ships, end to end: the form builds an lstm preset's record and submits it,
    /// and the run page streams its steps over the MessagePack hub and draws them, with no error on the page.
    /// </summary>
    [Fact]
    public async Task PublishedDashboard_PresetSubmittedThroughTheForm_StreamsItsStepsLive()
    {
        await using var api = await ApiProcess.StartAsync(published.Output, Path.Combine(published.DataFolder, "live.db"));
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.Context.NewPageAsync();
        var errors = new PageErrors(page);
        await page.GotoAsync(new Uri(api.Address, "runs/new").ToString());
        await page.Locator("button[data-preset='adding-lstm']").ClickAsync();
        // Long enough to still be training when the page has loaded, however fast the machine; the test cancels it.
        await page.Locator("#f-training-steps").FillAsync("50000");
        await page.Locator("#f-training-steps").PressAsync("Tab");
        await page.GetByTestId("submit").ClickAsync();

        await page.WaitForURLAsync(new Regex("/runs/[0-9a-f-]{36}$"));
        var run = new RunPage(page);
        await run.WaitForStepAboveAsync(0);
        var first = await run.StepAsync();
        await run.WaitForStepAboveAsync(first);
        await Canvas.WaitForDrawnAsync(page, "[data-testid=heatmap]", 50);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel run" }).ClickAsync();
        await run.WaitForStatusAsync("cancelled");

        Assert.Contains("lstm", await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        errors.AssertNone();
    }

    /// <summary>The relative src of every script and href of every link in the published index.html, as the page's base (/) resolves them.</summary>
    private async Task<List<string>> AssetsAsync()
    {
        var html = await File.ReadAllTextAsync(Path.Combine(published.WebRoot, "index.html"));
        return [.. AssetReference().Matches(html).Select(m => m.Groups["path"].Value.TrimStart('/'))];
    }

    [GeneratedRegex(@"<(?:script|link)\b[^>]*?\b(?:src|href)=""(?<path>(?!https?:|//|data:)[^""]+)""")]
    private static partial Regex AssetReference();

    [GeneratedRegex(@"^_framework/blazor\.webassembly\b.*\.js$")]
    private static partial Regex BlazorScript();
}
