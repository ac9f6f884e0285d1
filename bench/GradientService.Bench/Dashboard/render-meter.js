// The render benchmark's meter, added to the page by Playwright before the dashboard loads (RenderMeter.cs); the
// product carries none of it. It counts animation frames, times every animation-frame callback (the charts' drawing),
// observes long tasks, and times the run page's render ticks from the outside:
//  - .NET in the browser runs its timers and continuations as setTimeout tasks, so wrapping setTimeout tells when the
//    task now running started;
//  - a tick starts with the task in which Blazor writes the newest figures into the page (the link state's
//    data-received attribute changes) and ends when its last chart update has been handed over (metered-charts.js
//    wraps charts.js' update functions);
//  - a render is a tick plus the drawing of the first animation frame after its last update (none if the next tick
//    came first), as the dashboard's charts draw in the frame after an update.
(() => {
  const keep = 5000;
  const frame = globalThis.requestAnimationFrame.bind(globalThis);
  const timeout = globalThis.setTimeout.bind(globalThis);
  const meter = { renders: [], ticks: [], draws: [], longTasks: [], frames: 0, since: performance.now() };
  let taskStart = performance.now();
  let tick = null; // { start, end, draw }: the tick in progress

  function remember(list, ms) {
    list.push(ms);
    if (list.length > keep) list.splice(0, list.length - keep);
  }

  function summary(list) {
    if (list.length === 0) return { count: 0, mean: 0, p95: 0, max: 0 };
    const sorted = [...list].sort((a, b) => a - b);
    return {
      count: list.length,
      mean: list.reduce((a, b) => a + b, 0) / list.length,
      p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))],
      max: sorted[sorted.length - 1],
    };
  }

  function closeTick() {
    if (tick === null) return;
    remember(meter.ticks, tick.end - tick.start);
    remember(meter.renders, tick.end - tick.start + (tick.draw ?? 0));
    tick = null;
  }

  function startTick() {
    closeTick();
    tick = { start: taskStart, end: performance.now(), draw: null };
  }

  globalThis.setTimeout = (callback, ...rest) => timeout(typeof callback !== 'function' ? callback : (...args) => {
    taskStart = performance.now();
    callback(...args);
  }, ...rest);

  globalThis.requestAnimationFrame = callback => frame(time => {
    const started = performance.now();
    try {
      callback(time);
    } finally {
      const ms = performance.now() - started;
      remember(meter.draws, ms);
      if (tick !== null && tick.draw === null) tick.draw = ms;
    }
  });

  const rendered = new MutationObserver(records => { if (records.length > 0) startTick(); });
  rendered.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-received'] });

  const countFrames = () => {
    meter.frames++;
    frame(countFrames);
  };
  frame(countFrames);

  if (globalThis.PerformanceObserver?.supportedEntryTypes?.includes('longtask')) {
    new PerformanceObserver(list => { for (const e of list.getEntries()) remember(meter.longTasks, e.duration); }).observe({ type: 'longtask' });
  }

  /** The chart module's update functions, each reporting to the tick it belongs to (see metered-charts.js). */
  function wrap(charts) {
    const timed = update => (...args) => {
      if (rendered.takeRecords().length > 0) startTick(); // the tick's page render happened earlier in this task
      try {
        return update(...args);
      } finally {
        if (tick !== null) {
          tick.end = performance.now();
          tick.draw = null;
        }
      }
    };
    return Object.fromEntries(Object.keys(charts).filter(name => name.startsWith('update')).map(name => [name, timed(charts[name])]));
  }

  /** The figures since the last reset; the tick in progress counts as rendered without drawing. */
  function stats() {
    closeTick();
    const seconds = (performance.now() - meter.since) / 1000;
    return {
      fps: seconds > 0 ? meter.frames / seconds : 0, seconds,
      renders: summary(meter.renders), renderTicks: summary(meter.ticks), frameDraws: summary(meter.draws),
      // Tasks over 50 ms (receiving and decoding hub messages, render ticks …): while one runs, no frame is painted.
      longTasks: summary(meter.longTasks),
      longTaskShare: seconds > 0 ? meter.longTasks.reduce((a, b) => a + b, 0) / 1000 / seconds : 0,
    };
  }

  function reset() {
    for (const list of [meter.renders, meter.ticks, meter.draws, meter.longTasks]) list.length = 0;
    meter.frames = 0;
    meter.since = performance.now();
    tick = null;
  }

  globalThis.renderMeter = { wrap, stats, reset };
})();
