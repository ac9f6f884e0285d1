using GradientService.E2E.Harness;
using GradientService.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GradientService.E2E.Tests;

/// <summary>The hub connection drops mid-run; the page reconnects by itself and backfills every step it missed.</summary>
public sealed class ReconnectTests : BrowserTest
{
    [Fact]
    public async Task HubConnection_DroppedMidRun_ReconnectsAndHoldsEveryStepOnce()
    {
        // Long enough to still train after the page has loaded and reconnected; the test cancels it.
        var id = await ApiCalls.SubmitPresetAsync(App, "exploding-rnn-clipped", 200_000);
        var page = await Browser.Context.NewPageAsync();
        var errors = new PageErrors(page);
        var sockets = new List<IWebSocketRoute>();
        // Every hub WebSocket goes through the test, which can cut it like a network failure would.
        await page.RouteWebSocketAsync("**/hubs/runs**", socket =>
        {
            socket.ConnectToServer();
            lock (sockets) sockets.Add(socket);
        });
        await page.GotoAsync(new Uri(App.BaseAddress, $"runs/{id}").ToString());
        var run = new RunPage(page);
        // Live steps are flowing over the hub (earlier ones came over HTTP when the page opened).
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=link-state]')?.dataset.firstLive ?? 0) > 0");

        IWebSocketRoute first;
        lock (sockets) first = sockets[0];
        await first.CloseAsync(new() { Code = 1011, Reason = "test drops the connection" });
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=link-state]')?.dataset.reconnects ?? 0) >= 1");
        await run.WaitForStepAboveAsync(await run.StepAsync() + 50);
        await ApiCalls.CancelAsync(App, id);
        await run.WaitForStatusAsync("cancelled");

        var stored = await ApiCalls.StepsDoneAsync(App, id);
        await Assertions.Expect(run.StepCounter).ToHaveTextAsync(stored.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Steps before the page opened came downsampled over HTTP; from the first live step on, every step arrived exactly once.
        var firstLive = await run.AttributeAsync("data-first-live");
        Assert.Equal(stored - firstLive + 1, await run.AttributeAsync("data-received"));
        Assert.Equal(0, await run.AttributeAsync("data-missing"));
        await Assertions.Expect(page.GetByTestId("events").Locator("tbody tr").First).ToBeVisibleAsync();
        await Canvas.WaitForDrawnAsync(page, "[data-testid=time-lag]", 20);
        await Canvas.WaitForDrawnAsync(page, "[data-testid=time-lag-heatmap]", 200);
        await Screenshots.SaveAsync(page, "run-recurrent-clipped");
        errors.AssertNone();
    }
}
