using Microsoft.Playwright;

namespace GradientService.E2E.Harness;

/// <summary>Reads what a chart drew: opaque pixels inside its plot area (uPlot's .u-over marks the plot box on the canvas).</summary>
public static class Canvas
{
    /// <summary>A function of a chart's host element: the opaque pixels drawn in its plot area (the first-look benchmark uses it too).</summary>
    public const string CountScript = """
        (host) => {
          const canvas = host.querySelector('canvas');
          const over = host.querySelector('.u-over');
          if (!canvas || !over) return 0;
          const scale = canvas.width / canvas.getBoundingClientRect().width;
          const c = canvas.getBoundingClientRect(), o = over.getBoundingClientRect();
          const x = Math.round((o.left - c.left) * scale), y = Math.round((o.top - c.top) * scale);
          const w = Math.round(o.width * scale), h = Math.round(o.height * scale);
          if (w <= 0 || h <= 0) return 0;
          const data = canvas.getContext('2d').getImageData(x, y, w, h).data;
          let drawn = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 200) drawn++;
          return drawn;
        }
        """;

    /// <summary>
    /// Waits (Playwright polls in the page) until the chart at <paramref name="selector"/> has drawn at least
    /// <paramref name="pixels"/> opaque pixels in its plot area (grid lines are faint and do not count).
    /// </summary>
    public static Task WaitForDrawnAsync(IPage page, string selector, int pixels) =>
        page.WaitForFunctionAsync($"([selector, pixels]) => {{ const host = document.querySelector(selector); return host && ({CountScript})(host) >= pixels; }}",
            new object[] { selector, pixels }, new PageWaitForFunctionOptions { PollingInterval = 100 });
}
