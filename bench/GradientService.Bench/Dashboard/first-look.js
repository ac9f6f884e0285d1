// The first-look meter (`render --first-look`, FirstLook.cs), added to the page by Playwright before the dashboard loads;
// the product carries none of it. firstLook.start() marks the moment a run page is asked for; every 20 ms it then checks
// whether the heatmap, the depth profile and the two training charts have drawn (opaque pixels in their plot areas,
// counted by tests/E2E.Harness/Canvas.cs's script; also right after every animation-frame callback, where charts.js
// draws) and whether the page has loaded the run (the link state's data-loaded).
//  - firstCharts: ms until all four charts show drawn;
//  - interactive: ms until the first animation frame after the page has loaded the run with every chart drawn (a main
//    thread still busy decoding or drawing delays that frame);
//  - drawn, loaded: ms until each chart first showed drawn, and until the page said it had loaded the run;
//  - requests: the page's Api requests meanwhile (path, ms from the start to their start and end, bytes), where the time goes.
(() => {
  const charts = { heatmap: 2000, 'depth-profile': 50, 'loss-chart': 50, 'norm-chart': 50 };
  let state = null;

  const opaque = window.chartPixels; // tests/E2E.Harness/Canvas.cs's count, installed first (FirstLook.cs)

  function allDrawn() {
    return Object.entries(charts).every(([id, pixels]) => {
      if (state.drawn[id] !== undefined) return true;
      const host = document.querySelector(`[data-testid=${id}]`);
      if (!host || opaque(host) < pixels) return false;
      state.drawn[id] = Math.round(performance.now() - state.start);
      return true;
    });
  }

  // The charts draw in animation-frame callbacks (charts.js's drawFrame), and the frame paints right after them: checking
  // after each callback finds the frame they drew in, also when the page's next work holds the main thread for a while
  // and the 20-ms check below runs only after it.
  const frame = globalThis.requestAnimationFrame;
  globalThis.requestAnimationFrame = callback => frame(time => {
    try {
      callback(time);
    } finally {
      if (state !== null && state.firstCharts === null && allDrawn()) state.firstCharts = performance.now() - state.start;
    }
  });

  function check() {
    const now = performance.now() - state.start;
    const drawn = allDrawn();
    if (drawn && state.firstCharts === null) state.firstCharts = now;
    const loaded = document.querySelector('[data-testid=link-state]')?.dataset.loaded === 'true';
    if (loaded && state.loaded === undefined) state.loaded = Math.round(now);
    if (drawn && loaded) {
      requestAnimationFrame(() => {
        state.requests = performance.getEntriesByType('resource')
          .filter(e => e.startTime >= state.start && e.name.includes('/api/'))
          .map(e => `${new URL(e.name).pathname.replace(/^.*\/runs\/[^/]+/, '')}${new URL(e.name).search.slice(0, 60)} `
            + `${Math.round(e.startTime - state.start)}–${Math.round(e.responseEnd - state.start)} ms ${e.encodedBodySize} B`);
        state.interactive = performance.now() - state.start;
      });
      return;
    }
    if (now > 120000) { state.interactive = -1; return; }
    setTimeout(check, 20);
  }

  globalThis.firstLook = {
    start() {
      performance.clearResourceTimings();
      performance.setResourceTimingBufferSize(5000);
      state = { start: performance.now(), firstCharts: null, interactive: null, drawn: {} };
      setTimeout(check, 20);
    },
    result() { return state; },
  };
})();
