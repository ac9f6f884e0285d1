using System.Text.RegularExpressions;
using GradientService.E2E.Harness;
using GradientService.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GradientService.E2E.Tests;

/// <summary>A run's page says what is wrong with its gradients, sets theory beside the measurement, and tries a remedy in one click.</summary>
public sealed class DiagnosisTests : BrowserTest
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task DeepSigmoid_RunPage_ShowsVanishingWithPredictedLine_FirstRemedyStartsLinkedRunAndOpensComparison()
    {
        var parent = await ApiCalls.SubmitPresetAsync(App, "deep-sigmoid", 300);
        var page = await Browser.Context.NewPageAsync();
        var errors = new PageErrors(page);
        await page.GotoAsync(new Uri(App.BaseAddress, $"runs/{parent}").ToString());
        var run = new RunPage(page);
        await run.WaitForStatusAsync("completed", Long);

        var diagnosis = page.GetByTestId("diagnosis");
        await Assertions.Expect(diagnosis.GetByTestId("verdict")).ToHaveTextAsync("vanishing", new() { Timeout = (float)Long.TotalMilliseconds });
        await Assertions.Expect(diagnosis.GetByTestId("findings").Locator("li[data-kind=vanishing]")).ToBeVisibleAsync();
        await Assertions.Expect(diagnosis.GetByTestId("depth-factors")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("theory-line")).ToBeVisibleAsync();
        await page.GetByTestId("show-step-1").ClickAsync();
        await Assertions.Expect(page.GetByTestId("depth-profile")).ToHaveAttributeAsync("data-predicted", "shown");
        await Assertions.Expect(page.GetByTestId("profile-step")).ToHaveTextAsync("1");
        await Canvas.WaitForDrawnAsync(page, "[data-testid=depth-profile]", 50);
        await Screenshots.SaveAsync(page, "run-diagnosis");

        await diagnosis.GetByTestId("remedies").Locator("li button").First.ClickAsync();

        await page.WaitForURLAsync(new Regex($"/compare\\?ids={parent},[0-9a-f-]{{36}}$"), new() { Timeout = (float)Long.TotalMilliseconds });
        var child = Guid.Parse(page.Url[^36..]);
        var detail = await ApiCalls.RunAsync(App, child);
        Assert.Equal(parent, detail.ParentId);
        Assert.False(string.IsNullOrEmpty(detail.Remedy));
        var cards = page.GetByTestId("diagnosis-card");
        await Assertions.Expect(cards).ToHaveCountAsync(2);
        await Assertions.Expect(cards.First).ToHaveAttributeAsync("data-run", parent.ToString());
        await Assertions.Expect(cards.First.GetByTestId("verdict")).ToHaveTextAsync("vanishing");
        await Assertions.Expect(cards.Nth(1)).ToContainTextAsync($"try-it: {detail.Remedy}");
        await Screenshots.SaveAsync(page, "compare-remedy");
        errors.AssertNone();
    }
}
