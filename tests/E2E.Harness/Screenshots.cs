using Microsoft.Playwright;

namespace GradientService.E2E.Harness;

/// <summary>
/// Every test saves a screenshot into the test output's screenshots/ folder; with GS_SCREENSHOTS=path (see
/// scripts/screenshots.sh) also there, which is how docs/screenshots are made.
/// </summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        var folders = new List<string> { Path.Combine(AppContext.BaseDirectory, "screenshots") };
        if (Environment.GetEnvironmentVariable("GS_SCREENSHOTS") is { Length: > 0 } extra) folders.Add(extra);
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        foreach (var folder in folders)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, name + ".png"), bytes);
        }
    }
}
