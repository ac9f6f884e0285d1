using System.Globalization;
using Microsoft.Playwright;

namespace GradientService.E2E.Harness;

/// <summary>What the run page shows, read through its test ids.</summary>
public sealed class RunPage(IPage page)
{
    public ILocator StepCounter => page.GetByTestId("step-counter");

    public ILocator Status => page.GetByTestId("status");

    public ILocator Link => page.GetByTestId("link-state");

    public async Task<int> StepAsync() => int.Parse(await StepCounter.InnerTextAsync(), CultureInfo.InvariantCulture);

    public async Task<int> AttributeAsync(string name) =>
        int.Parse(await Link.GetAttributeAsync(name) ?? "-1", CultureInfo.InvariantCulture);

    /// <summary>Waits until the step counter shows more than <paramref name="step"/>.</summary>
    public Task WaitForStepAboveAsync(int step) =>
        page.WaitForFunctionAsync("min => Number(document.querySelector('[data-testid=step-counter]')?.textContent ?? 0) > min", step);

    public Task WaitForStatusAsync(string status) => WaitForStatusAsync(status, TimeSpan.FromMinutes(2));

    public Task WaitForStatusAsync(string status, TimeSpan timeout) =>
        Assertions.Expect(Status).ToHaveTextAsync(status, new() { Timeout = (float)timeout.TotalMilliseconds });
}
