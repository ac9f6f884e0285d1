// The dashboard's only hand-written JavaScript: one init and one update per chart kind, drawn to canvas by uPlot
// (wwwroot/lib/uplot, installed from npm by the build). C# shapes every number (log scales, colour indices, marks);
// this module only draws them and shows exact values under the cursor.

const U = globalThis.uPlot;

// Shortest text that reads back as the same double: the exact recorded value.
const exact = v => (v == null || Number.isNaN(v) ? '—' : String(v));

// ---- drawing: at most once per animation frame per chart ----
// An update only stores the chart's newest data; the frame draws each chart that has something new, once, so bursts
// of updates coalesce and the browser keeps painting between them. A chart scrolled out of view draws at most once a
// second after its first data (it is still current when the user scrolls to it, but costs next to nothing meanwhile).
const pending = new Set();
let frameRequested = false;
let hiddenTimer = null;
let drawAll = false;
const hiddenInterval = 1000;

function requestFrame() {
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(drawFrame);
}

/**
 * Resolves once the charts updated so far have drawn in the next animation frame and the browser has painted it (the
 * timer runs after the frame): the run page's first look waits for it before rendering the rest of the page. That frame
 * draws the charts out of view too (the first look's charts below the fold waited up to a second otherwise).
 */
export function nextFrame() {
  if (pending.size > 0) {
    drawAll = true;
    requestFrame();
  }
  return new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve)));
}

function schedule(chart, draw) {
  chart.draw = draw;
  pending.add(chart);
  requestFrame();
}

function drawFrame() {
  frameRequested = false;
  const now = performance.now();
  const all = drawAll;
  drawAll = false;
  let waiting = false;
  for (const chart of [...pending]) {
    if (chart.destroyed) {
      pending.delete(chart);
      continue;
    }
    // A chart's first two draws never wait: the empty one at its creation and the one with its first data (a finished
    // run's charts below the fold waited up to a second for it).
    if (!all && chart.visible === false && (chart.draws ?? 0) >= 2 && now - (chart.drawnAt ?? 0) < hiddenInterval) {
      waiting = true;
      continue;
    }
    pending.delete(chart);
    const draw = chart.draw;
    chart.draw = null;
    chart.drawnAt = now;
    chart.draws = (chart.draws ?? 0) + 1;
    draw();
  }
  // Charts out of view wait without keeping frames busy; charts in view never wait for them.
  if (waiting && hiddenTimer === null) {
    hiddenTimer = setTimeout(() => {
      hiddenTimer = null;
      requestFrame();
    }, hiddenInterval / 4);
  }
}

function watchVisibility(el, chart) {
  if (typeof IntersectionObserver === 'undefined') return;
  chart.seen = new IntersectionObserver(entries => {
    chart.visible = entries[entries.length - 1].isIntersecting;
    if (chart.visible && chart.draw) schedule(chart, chart.draw);
  }, { rootMargin: '200px' });
  chart.seen.observe(el);
}

// ---- shared helpers ----
function float64(bytes) {
  // Blazor hands a byte[] over as a Uint8Array that may not be 8-byte aligned: copy once.
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Float64Array(copy.buffer);
}

function followWidth(el, chart, height) {
  chart.resize = new ResizeObserver(() => {
    const width = Math.max(200, el.clientWidth);
    if (width !== chart.u.width) chart.u.setSize({ width, height });
  });
  chart.resize.observe(el);
}

// Log axes of line charts plot log₁₀ of the values on a linear scale: uPlot's own log scale (distr 3) builds its tick
// arrays from the range's decades and fails ("Invalid array length") below ~1e-32, which a float64 deep sigmoid net's
// gradients reach. Ticks fall on whole decades and read 1eN; the cursor's legend shows the recorded value itself.
const decadeSteps = [1, 2, 5, 10, 20, 50, 100];

function decadeTicks(u, splits) {
  return splits.map(e => (Number.isInteger(e) ? `1e${e}` : ''));
}

function log10OrNull(v) {
  return v == null ? null : Math.log10(v);
}

const markColours = {
  clipping: 'rgba(230, 126, 34, 0.55)', diverged: '#c0392b', 'non-finite': '#8e44ad', cursor: '#555', crossing: '#d35400', 'saddle-node': '#7f8c8d',
  phase: '#2c3e50',
};

// Episodes (marks with an end x1): a faint band over the plot and a solid strip along its top, one colour per kind.
const bandColours = {
  vanishing: [41, 128, 185], exploding: [192, 57, 43], 'recurrent-gain': [231, 76, 60], 'non-finite': [142, 68, 173],
  diverged: [192, 57, 43], clipping: [230, 126, 34], saturation: [22, 160, 133], 'dead-units': [127, 140, 141], stalled: [149, 165, 166],
};

function drawBand(u, m, ctx, top, height) {
  const x0 = u.valToPos(m.x, 'x', true), x1 = u.valToPos(m.x1, 'x', true);
  const [r, g, b] = bandColours[m.kind] ?? [120, 120, 120];
  const w = Math.max(devicePixelRatio, x1 - x0);
  ctx.fillStyle = `rgba(${r},${g},${b},0.08)`;
  ctx.fillRect(x0, top, w, height);
  ctx.fillStyle = `rgb(${r},${g},${b})`;
  ctx.fillRect(x0, top, w, 4 * devicePixelRatio);
}

// Saves the canvas state and clips drawing to the plot area; the caller restores it.
function clipToPlot(u) {
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  return { ctx, left, top, width, height };
}

function drawMarks(u, marks) {
  if (!marks || marks.length === 0) return;
  const { ctx, left, top, width, height } = clipToPlot(u);
  for (const m of marks) {
    if (m.x1 != null) {
      drawBand(u, m, ctx, top, height);
      continue;
    }
    const x = Math.round(u.valToPos(m.x, 'x', true)) + 0.5;
    if (x < left || x > left + width) continue;
    ctx.strokeStyle = markColours[m.kind] ?? '#888';
    ctx.lineWidth = m.kind === 'diverged' ? 2 * devicePixelRatio : devicePixelRatio;
    ctx.setLineDash(m.kind === 'cursor' ? [4 * devicePixelRatio, 3 * devicePixelRatio] : []);
    ctx.beginPath();
    // Clipping events can number thousands: a short tick at the bottom; the rest span the plot.
    const y0 = m.kind === 'clipping' ? top + height - 8 * devicePixelRatio : top;
    ctx.moveTo(x, y0);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    if (m.label) {
      ctx.fillStyle = ctx.strokeStyle;
      ctx.font = `${11 * devicePixelRatio}px sans-serif`;
      ctx.fillText(m.label, x + 3 * devicePixelRatio, top + 12 * devicePixelRatio);
    }
  }
  ctx.restore();
}

function clickable(u, dotnet, method) {
  if (!dotnet) return;
  u.over.addEventListener('click', () => {
    if (u.cursor.left == null || u.cursor.left < 0) return;
    const x = u.posToVal(u.cursor.left, 'x');
    if (Number.isFinite(x)) dotnet.invokeMethodAsync(method, x);
  });
}

// ---- line charts: training curves, gradient norms, depth profiles, layer lines, time-lag profiles, comparisons ----

/**
 * options: { xLabel, yLabel, yLog, xLog, y2Label, y2Log, height, series: [{ label, color, width (0: points only), dash, scale, points }] }
 * dotnet (optional): receives OnChartClick(x) when the plot is clicked.
 */
export function initLines(el, options, dotnet) {
  const chart = { el, marks: [], logScales: new Set(), raw: null };
  if (options.yLog) chart.logScales.add('y');
  if (options.y2Log) chart.logScales.add('y2');
  // The legend reads the recorded value (chart.raw), not its log₁₀ on a log axis.
  const value = (u, v, s, i) => exact(i == null || chart.raw === null ? v : chart.raw[s][i]);
  const series = [{ label: options.xLabel, value }];
  for (const s of options.series) {
    series.push({
      label: s.label, stroke: s.color, width: s.width ?? 1.5, scale: s.scale ?? 'y', spanGaps: true,
      dash: s.dash ? [6, 4] : undefined, points: { show: s.points ?? false, size: 5, fill: s.color },
      paths: s.width === 0 ? () => null : undefined, // width 0: points only (a path whose x is not in order, e.g. b over iterations)
      value,
    });
  }
  const scales = { x: { time: false, distr: options.xLog ? 3 : 1 }, y: { distr: 1 } };
  const decades = log => (log ? { values: decadeTicks, incrs: decadeSteps } : {});
  const axes = [
    { label: options.xLabel, labelSize: 20 },
    { label: options.yLabel, scale: 'y', size: 64, labelSize: 20, ...decades(options.yLog) },
  ];
  if (options.y2Label) {
    scales.y2 = { distr: 1 };
    axes.push({ label: options.y2Label, scale: 'y2', side: 1, size: 56, labelSize: 20, grid: { show: false }, ...decades(options.y2Log) });
  }
  const height = options.height ?? 260;
  chart.u = new U({
    width: Math.max(200, el.clientWidth || 600), height, series, scales, axes,
    legend: { live: true },
    cursor: { drag: { x: true, y: false } },
    hooks: { draw: [u => drawMarks(u, chart.marks)] },
  }, [[], ...options.series.map(() => [])], el);
  followWidth(el, chart, height);
  watchVisibility(el, chart);
  clickable(chart.u, dotnet, 'OnChartClick');
  return chart;
}

/**
 * bytes: float64 arrays, for each series its x values then its y values (NaN = no value).
 * meta: { lengths: [points per series], marks: [{ x, kind, label }] }
 */
export function updateLines(chart, bytes, meta) {
  schedule(chart, () => drawLines(chart, bytes, meta));
}

function drawLines(chart, bytes, meta) {
  const all = float64(bytes);
  const tables = [];
  let at = 0;
  meta.lengths.forEach((n, i) => {
    const x = Array.from(all.subarray(at, at + n));
    const yRaw = all.subarray(at + n, at + 2 * n);
    at += 2 * n;
    const log = chart.logScales.has(chart.u.series[i + 1].scale);
    const y = new Array(n);
    for (let k = 0; k < n; k++) {
      const v = yRaw[k];
      y[k] = Number.isFinite(v) && (!log || v > 0) ? v : null;
    }
    tables.push([x, y]);
  });
  const raw = tables.length === 1 ? tables[0] : U.join(tables);
  const data = raw.map((column, i) => (i > 0 && chart.logScales.has(chart.u.series[i].scale) ? column.map(log10OrNull) : column));
  chart.raw = raw;
  chart.marks = meta.marks ?? [];
  // The labelled marks (phase boundaries, crossings) also as text, for readers and tests; unlabelled ticks are many.
  chart.el.dataset.marks = chart.marks.filter(m => m.label).map(m => m.label).join('|');
  chart.u.setData(data, true);
}

// ---- heatmaps: layer × step of a per-layer field, lag × step of a recurrent layer ----

// A viridis-like scale over indices 1 … 254 (0 = no data, 255 = NaN or ±∞ occurred).
const anchors = [[68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142], [31, 158, 137], [53, 183, 121], [110, 206, 88], [181, 222, 43], [253, 231, 37]];
const palette = new Uint32Array(256);
const paletteCss = [];
for (let i = 1; i <= 254; i++) {
  const t = (i - 1) / 253 * (anchors.length - 1);
  const a = anchors[Math.floor(t)], b = anchors[Math.min(anchors.length - 1, Math.floor(t) + 1)], f = t - Math.floor(t);
  const [r, g, bl] = [0, 1, 2].map(k => Math.round(a[k] + (b[k] - a[k]) * f));
  palette[i] = (255 << 24) | (bl << 16) | (g << 8) | r; // little-endian RGBA
  if ((i - 1) % 23 === 0 || i === 254) paletteCss.push(`rgb(${r},${g},${bl})`);
}
palette[0] = 0; // transparent: the page background shows through
palette[255] = (255 << 24) | (255 << 16) | (0 << 8) | 255; // magenta

function renderLegend(legend, meta) {
  if (legend.dataset.key === `${meta.lo}:${meta.hi}:${meta.valueLabel}:${meta.linear}`) return;
  legend.dataset.key = `${meta.lo}:${meta.hi}:${meta.valueLabel}:${meta.linear}`;
  legend.replaceChildren();
  const title = document.createElement('span');
  title.className = 'gs-legend-title';
  title.textContent = meta.linear ? meta.valueLabel : `log₁₀ ${meta.valueLabel}`;
  const bar = document.createElement('span');
  bar.className = 'gs-legend-bar';
  bar.style.background = `linear-gradient(to right, ${paletteCss.join(',')})`;
  const ticks = document.createElement('span');
  ticks.className = 'gs-legend-ticks';
  if (meta.linear) {
    // A linear scale from lo to hi (a share such as accuracy): five labels.
    for (let k = 0; k <= 4; k++) {
      const tick = document.createElement('span');
      tick.textContent = String(meta.lo + (meta.hi - meta.lo) * k / 4);
      tick.style.left = `${k * 25}%`;
      ticks.append(tick);
    }
  }
  const every = Math.ceil((meta.hi - meta.lo + 1) / 7); // at most about seven labels fit the bar
  for (let d = meta.lo; !meta.linear && d <= meta.hi; d += every) {
    const tick = document.createElement('span');
    tick.textContent = `1e${d}`;
    tick.style.left = `${meta.hi === meta.lo ? 0 : (d - meta.lo) / (meta.hi - meta.lo) * 100}%`;
    ticks.append(tick);
  }
  bar.append(ticks);
  const nf = document.createElement('span');
  nf.className = 'gs-legend-nonfinite';
  nf.textContent = 'NaN / ±∞';
  legend.append(title, bar, nf);
}

// A categorical heatmap (a sweep's grid) labels its integer rows and columns with meta.yTicks / meta.xTicks.
function tickLabels(chart, key) {
  return (u, splits) => splits.map(v => (Number.isInteger(v) ? chart.meta?.[key]?.[v - 1] ?? '' : ''));
}

// Lines over a heatmap, in its axes' units (column and row numbers, fractional between them); NaN breaks a line.
function drawOverlay(u, lines) {
  if (!lines || lines.length === 0) return;
  const { ctx, left, top, width, height } = clipToPlot(u);
  for (const line of lines) {
    ctx.strokeStyle = line.color;
    ctx.lineWidth = 2.5 * devicePixelRatio;
    ctx.setLineDash(line.dash ? [7 * devicePixelRatio, 5 * devicePixelRatio] : []);
    ctx.beginPath();
    let open = false;
    for (let i = 0; i < line.x.length; i++) {
      const x = line.x[i], y = line.y[i];
      if (x == null || y == null || !Number.isFinite(x) || !Number.isFinite(y)) {
        open = false;
        continue;
      }
      const px = u.valToPos(x, 'x', true), py = u.valToPos(y, 'y', true);
      if (open) ctx.lineTo(px, py); else ctx.moveTo(px, py);
      open = true;
    }
    ctx.stroke();
  }
  ctx.restore();
}

/**
 * options: { xLabel, yLabel, rowName, columnName, categorical, height, rowLabels, zoom }; dotnet (optional) receives OnChartClick(step),
 * and with zoom OnChartZoom(first, last) for a drag across steps ((0, 0): back to everything, on a double click).
 * rowLabels (optional): a name per row from 1 (a layer's PyTorch name), shown in the tooltip after the row's number.
 * A categorical heatmap has one column per x tick and one row per y tick (meta.xTicks, meta.yTicks) instead of steps and layers.
 */
export function initHeatmap(el, options, dotnet) {
  const chart = {
    off: document.createElement('canvas'), meta: null, dotnet, rowName: options.rowName ?? 'layer', columnName: options.columnName ?? 'step',
    rowLabels: options.rowLabels ?? null,
  };
  const height = options.height ?? 300;
  const plot = document.createElement('div');
  const legend = document.createElement('div');
  legend.className = 'gs-legend';
  const tip = document.createElement('div');
  tip.className = 'gs-tip';
  el.append(plot, legend, tip);
  chart.legend = legend;
  chart.u = new U({
    width: Math.max(200, el.clientWidth || 600), height,
    series: [{ label: options.xLabel }, { label: options.rowName, show: false }],
    scales: {
      x: { time: false, auto: false, range: () => chart.meta ? [chart.meta.x0, chart.meta.x1] : [0, 1] },
      y: { auto: false, range: () => chart.meta ? [chart.meta.rowFirst - 0.5, chart.meta.rowFirst + chart.meta.rows - 0.5] : [0, 1] },
    },
    axes: [
      { label: options.xLabel, labelSize: 20, grid: { show: false }, values: options.categorical ? tickLabels(chart, 'xTicks') : undefined },
      { label: options.yLabel, size: 56, labelSize: 20, grid: { show: false },
        values: options.categorical ? tickLabels(chart, 'yTicks') : (u, splits) => splits.map(v => Number.isInteger(v) ? String(v) : '') },
    ],
    legend: { show: false },
    cursor: { points: { show: false }, drag: { x: !!options.zoom, y: false, setScale: false } },
    hooks: {
      draw: [u => { drawCells(u, chart); drawMarks(u, chart.meta?.marks); drawOverlay(u, chart.meta?.lines); }],
      setCursor: [u => showCell(u, chart, tip)],
      setSelect: [u => zoomTo(u, chart)],
    },
  }, [[0, 1], [null, null]], plot);
  followWidth(el, chart, height);
  watchVisibility(el, chart);
  // A double click goes back to the whole run (uPlot itself keeps the click that ends a drag from selecting a step).
  if (options.zoom && dotnet) chart.u.over.addEventListener('dblclick', () => dotnet.invokeMethodAsync('OnChartZoom', 0, 0));
  clickable(chart.u, dotnet, 'OnChartClick');
  return chart;
}

/** A drag across steps (options.zoom): .NET's OnChartZoom(first, last) asks the Api for that range at full resolution. */
function zoomTo(u, chart) {
  const { left, width } = u.select;
  if (!chart.dotnet || width < 3) return;
  const first = u.posToVal(left, 'x'), last = u.posToVal(left + width, 'x');
  u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
  chart.dotnet.invokeMethodAsync('OnChartZoom', first, last);
}

/**
 * The whole heatmap at once (the lag × step map, whose columns can be uneven).
 * indices: rows × cols colour indices, row 0 at the top (the exact values stay in .NET: the tooltip asks for one).
 * meta: { rows, cols, rowFirst, first: [first step of each column], last: [...], uniform, x0, x1, lo, hi,
 *         valueLabel, flagged: [cell indices where NaN or ±∞ occurred], marks,
 *         xTicks, yTicks (a categorical heatmap's labels), lines: [{ label, color, dash, x: [], y: [] }] drawn over the cells,
 *         linear (colours run linearly from lo to hi instead of over decades) }
 */
export function updateHeatmap(chart, indices, meta) {
  chart.grid = null;
  chart.meta = meta;
  chart.flagged = new Set(meta.flagged ?? []);
  const { rows, cols } = meta;
  if (cols > 0 && rows > 0) {
    if (chart.off.width !== cols || chart.off.height !== rows) {
      chart.off.width = cols;
      chart.off.height = rows;
    }
    const image = new ImageData(cols, rows);
    const pixels = new Uint32Array(image.data.buffer);
    for (let i = 0; i < indices.length; i++) pixels[i] = palette[indices[i]];
    chart.off.getContext('2d').putImageData(image, 0, 0);
  }
  renderLegend(chart.legend, meta);
  schedule(chart, () => redrawHeatmap(chart));
}

/**
 * New or changed columns of a layer × step grid whose columns are equally wide: only those pixels are coloured and
 * painted into the chart's image (capacity × rows, kept between updates); the frame then redraws the plot from it.
 * bytes: float64 values of columns from … from + count − 1, column after column, the first layer first (NaN: empty;
 *        +∞: NaN or ±∞ occurred), coloured here on the decades lo … hi (decadeIndex).
 * meta: { rows, cols (in use), capacity, from, count, reset (repaint from scratch: a new field or scale),
 *         merges (times the columns merged in pairs since the last update, see mergeColumns), width (steps per column), x1 (the step axis' end), lo, hi, valueLabel, marks }
 */
export function updateHeatmapColumns(chart, bytes, meta) {
  const { rows, capacity, from, count, lo, hi } = meta;
  if (meta.reset || !chart.grid || chart.off.width !== capacity || chart.off.height !== rows) {
    chart.off.width = capacity; // resizing clears the canvas
    chart.off.height = rows;
    chart.grid = { cells: new Uint8Array(rows * capacity) };
  }
  if (meta.merges > 0 && !meta.reset) mergeColumns(chart, rows, capacity, meta.merges);
  if (count > 0 && rows > 0) {
    const values = float64(bytes);
    const image = new ImageData(count, rows);
    const pixels = new Uint32Array(image.data.buffer);
    const cells = chart.grid.cells;
    for (let r = 0; r < rows; r++) {
      const layer = rows - 1 - r; // image row 0 (the top) is the last layer
      for (let k = 0; k < count; k++) {
        const index = decadeIndex(values[k * rows + layer], lo, hi);
        pixels[r * count + k] = palette[index];
        cells[r * capacity + from + k] = index;
      }
    }
    chart.off.getContext('2d').putImageData(image, from, 0);
  }
  chart.meta = { ...meta, rowFirst: 1, x0: 0.5 };
  renderLegend(chart.legend, meta);
  schedule(chart, () => redrawHeatmap(chart));
}

/**
 * The colour index of a value on decades lo … hi, the formula of DecadeScale.Index (C#, which colours every other
 * heatmap): 0 empty (NaN), 255 non-finite, 1 … 254 over log₁₀ of the value, rounded half to even as .NET's Math.Round.
 */
function decadeIndex(v, lo, hi) {
  if (Number.isNaN(v)) return 0;
  if (!Number.isFinite(v)) return 255;
  if (v <= 0) return 1;
  const x = (Math.log10(v) - lo) / (hi - lo) * 253;
  let r = Math.round(x);
  if (r - x === 0.5 && r % 2 !== 0) r -= 1; // a tie: Math.round went up to an odd number
  return Math.min(254, Math.max(1, 1 + r));
}

/**
 * The grid merged its columns in pairs `times` times (the column width doubled each time): cell c becomes the larger
 * colour index of cells 2c and 2c + 1 (indices grow with the value; 0 = empty is the least, 255 = NaN/±∞ the most), as
 * the grid's own cell becomes the larger value; then the whole image is painted from the cells.
 */
function mergeColumns(chart, rows, capacity, times) {
  const cells = chart.grid.cells;
  for (let t = 0; t < times; t++) {
    for (let r = 0; r < rows; r++) {
      const row = r * capacity;
      for (let c = 0; c < capacity / 2; c++) cells[row + c] = Math.max(cells[row + 2 * c], cells[row + 2 * c + 1]);
      cells.fill(0, row + capacity / 2, row + capacity);
    }
  }
  const image = new ImageData(capacity, rows);
  const pixels = new Uint32Array(image.data.buffer);
  for (let i = 0; i < cells.length; i++) pixels[i] = palette[cells[i]];
  chart.off.getContext('2d').putImageData(image, 0, 0);
}

function redrawHeatmap(chart) {
  const meta = chart.meta;
  chart.u.batch(() => {
    chart.u.setScale('x', { min: meta.x0, max: meta.x1 });
    chart.u.setScale('y', { min: meta.rowFirst - 0.5, max: meta.rowFirst + Math.max(1, meta.rows) - 0.5 });
  });
  chart.u.redraw(false);
}

function drawCells(u, chart) {
  const meta = chart.meta;
  if (!meta || meta.cols === 0) return;
  const { ctx, left, top, width, height } = clipToPlot(u);
  ctx.imageSmoothingEnabled = false;
  if (chart.grid) {
    // Column c holds steps c·w + 1 … (c + 1)·w; the newest one may extend past the axis' end, which the clip cuts.
    const x0 = u.valToPos(0.5, 'x', true);
    const x1 = u.valToPos(meta.cols * meta.width + 0.5, 'x', true);
    ctx.drawImage(chart.off, 0, 0, meta.cols, meta.rows, x0, top, Math.max(1, x1 - x0), height);
  } else if (meta.uniform) {
    const x0 = u.valToPos(meta.first[0] - 0.5, 'x', true);
    const x1 = u.valToPos(meta.last[meta.cols - 1] + 0.5, 'x', true);
    ctx.drawImage(chart.off, 0, 0, meta.cols, meta.rows, x0, top, Math.max(1, x1 - x0), height);
  } else {
    for (let c = 0; c < meta.cols; c++) {
      const x0 = u.valToPos(meta.first[c] - 0.5, 'x', true);
      const x1 = c + 1 < meta.cols ? u.valToPos(meta.first[c + 1] - 0.5, 'x', true) : u.valToPos(meta.last[c] + 0.5, 'x', true);
      ctx.drawImage(chart.off, c, 0, 1, meta.rows, x0, top, Math.max(1, x1 - x0), height);
    }
  }
  ctx.restore();
}

/** The column under step x: its index, its steps, and the cell number .NET's CellValue reads. */
function cellAt(chart, x, r) {
  const meta = chart.meta;
  if (chart.grid) {
    const c = Math.min(meta.cols - 1, Math.max(0, Math.floor((x - 0.5) / meta.width)));
    const first = c * meta.width + 1, last = Math.min((c + 1) * meta.width, Math.max(first, Math.floor(meta.x1)));
    const cell = r * meta.capacity + c;
    return { first, last, cell, flagged: chart.grid.cells[cell] === 255 };
  }
  let lo = 0, hi = meta.cols - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (meta.first[mid] <= x + 0.5) lo = mid; else hi = mid - 1;
  }
  const cell = r * meta.cols + lo;
  return { first: meta.first[lo], last: meta.last[lo], cell, flagged: chart.flagged.has(cell) };
}

function showCell(u, chart, tip) {
  const meta = chart.meta;
  const { left, top } = u.cursor;
  if (!meta || left == null || left < 0 || meta.cols === 0) {
    tip.style.display = 'none';
    return;
  }
  const x = u.posToVal(left, 'x');
  const row = Math.round(u.posToVal(top, 'y'));
  const r = meta.rowFirst + meta.rows - 1 - row; // image row 0 is the top (the last row)
  if (r < 0 || r >= meta.rows) {
    tip.style.display = 'none';
    return;
  }
  const { first, last, cell, flagged } = cellAt(chart, x, r);
  const steps = meta.xTicks ? `${chart.columnName} ${meta.xTicks[first - 1] ?? ''}`
    : first === last ? `${chart.columnName} ${first}` : `${chart.columnName}s ${first}–${last} (max)`;
  const label = chart.rowLabels?.[row - 1];
  const rowText = meta.yTicks ? meta.yTicks[row - meta.rowFirst] ?? '' : label ? `${row} (${label})` : row;
  const flag = flagged ? ' · NaN/±∞ occurred' : '';
  // Synchronous call into .NET (WebAssembly runs both on one thread): the exact double, formatted round-trip.
  const value = chart.dotnet ? chart.dotnet.invokeMethod('CellValue', cell) : '—';
  tip.textContent = `${chart.rowName} ${rowText} · ${steps} · ${meta.valueLabel} = ${value}${flag}`;
  tip.style.display = 'block';
  tip.style.left = `${u.over.offsetLeft + left + 12}px`;
  tip.style.top = `${u.over.offsetTop + top + 12}px`;
}

export function destroy(chart) {
  chart.destroyed = true;
  pending.delete(chart);
  chart.resize?.disconnect();
  chart.seen?.disconnect();
  chart.u?.destroy();
}
