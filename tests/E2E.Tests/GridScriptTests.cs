using GradientService.E2E.Harness;
using GradientService.E2E.Tests.Infrastructure;

namespace GradientService.E2E.Tests;

/// <summary>The layer grid's column merge in the browser (js/grid.js) gives what LayerGrid's own merge gives.</summary>
public sealed class GridScriptTests : BrowserTest
{
    [Fact]
    public async Task MergeColumnPairs_OddColumnsWithEmptyCells_KeepsTheLargerValueAndEmptiesTheTail()
    {
        var merged = await MergeAsync("[1, -0, 3, 0, NaN, 2, NaN, NaN, 5, NaN]", "[0]", stride: 10, columns: 5);

        // As LayerGrid.MaxOf: NaN (empty) loses; −0 and +0 merge to +0 as Math.Max; the odd last column stays; the tail empties.
        Assert.Equal(["3", "0", "NaN", "2", "5", "NaN", "NaN", "NaN", "NaN", "NaN"], merged);
    }

    [Fact]
    public async Task MergeColumnPairs_SomeFieldsOfTheBlock_MergesEachOfThemInItsOwnCellsAndLeavesTheOthers()
    {
        // Three fields of 3 columns × 1 layer (stride 4: one spare cell each); fields 0 and 2 held, field 1 not.
        var merged = await MergeAsync("[1, 4, -2, NaN,  7, 8, 9, NaN,  -0, -0, 6, NaN]", "[0, 2]", stride: 4, columns: 3, layers: 1);

        Assert.Equal(["4", "-2", "NaN", "NaN", "7", "8", "9", "NaN", "-0", "6", "NaN", "NaN"], merged);
    }

    /// <summary>Runs grid.js' merge in the page on a fake of the MemoryView .NET hands over (slice copies out, set writes back).</summary>
    private async Task<string[]> MergeAsync(string block, string fields, int stride, int columns, int layers = 2)
    {
        var page = await Browser.Context.NewPageAsync();
        var errors = new PageErrors(page);
        await page.GotoAsync(App.BaseAddress.ToString());
        var merged = await page.EvaluateAsync<string[]>($$"""
            async () => {
              const { mergeColumnPairs } = await import(new URL('js/grid.js', document.baseURI).href);
              const memory = new Float64Array({{block}});
              const view = { slice: (start, end) => memory.slice(start, end), set: (cells, at) => memory.set(cells, at) };
              mergeColumnPairs(view, {{fields}}, {{stride}}, {{columns}}, {{layers}});
              return [...memory].map(v => Object.is(v, -0) ? '-0' : String(v));
            }
            """);
        errors.AssertNone();
        return merged;
    }
}
