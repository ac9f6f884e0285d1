// Served by the render benchmark in place of the dashboard's js/charts.js (RenderMeter.cs): the module itself,
// unchanged, with its update functions reporting to the meter (render-meter.js). A module's own exports take
// precedence over the names `export *` brings in.
import * as charts from './charts.js?unmetered';

export * from './charts.js?unmetered';
export const { updateLines, updateHeatmap, updateHeatmapColumns } = globalThis.renderMeter.wrap(charts);
