using Microsoft.Playwright;

namespace GradientService.E2E.Harness;

/// <summary>Collects console errors and uncaught exceptions of a page, so a test can assert there were none.</summary>
public sealed class PageErrors
{
    private readonly List<string> _errors = [];

    public PageErrors(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (_errors) _errors.Add($"console: {message.Text}");
        };
        page.PageError += (_, error) =>
        {
            lock (_errors) _errors.Add($"page: {error}");
        };
    }

    public IReadOnlyList<string> All
    {
        get { lock (_errors) return [.. _errors]; }
    }

    /// <summary>Fails with every collected error written out in full.</summary>
    public void AssertNone()
    {
        var all = All;
        if (all.Count > 0) throw new InvalidOperationException($"The page reported {all.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, all)}");
    }
}
