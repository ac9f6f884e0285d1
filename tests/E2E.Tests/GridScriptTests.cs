using GradientService.E2E.Harness;
using GradientService.E2E.Tests.Infrastructure;

namespace GradientService.E2E.Tests;

/// <summary>The layer grid's column merge in the browser (js/grid.js) gives what LayerGrid's own merge gives.</summary>
public sealed class GridScriptTests : BrowserTest
{
    [Fact]
    public async Task MergeColumnPairs_OddColumnsWithEmptyCells_KeepsTheLargerValueAndEmptiesTheTail()
    {
        var page = await Browser.Context.NewPageAsync();
        var errors = new PageErrors(page);
        await page.GotoAsync(App.BaseAddress.ToString());

        // 5 columns of 2 layers, column after column; a fake of the MemoryView .NET hands over (slice copies out, set writes back).
        var merged = await page.EvaluateAsync<string[]>("""
            async () => {
              const { mergeColumnPairs } = await import(new URL('js/grid.js', document.baseURI).href);
              let memory = new Float64Array([1, -0, 3, 0, NaN, 2, NaN, NaN, 5, NaN]);
              mergeColumnPairs({ slice: () => memory.slice(), set: cells => memory.set(cells) }, 5, 2);
              return [...memory].map(v => Object.is(v, -0) ? '-0' : String(v));
            }
            """);

        // As LayerGrid.MaxOf: NaN (empty) loses; −0 and +0 merge to +0 as Math.Max; the odd last column stays; the tail empties.
        Assert.Equal(["3", "0", "NaN", "2", "5", "NaN", "NaN", "NaN", "NaN", "NaN"], merged);
        errors.AssertNone();
    }
}
