// LayerGrid's column merge when its width doubles (Live/GridScript.cs), on a view of .NET's memory: `columns` columns
// of `layers` float64 cells; column c becomes the larger of columns 2c and 2c + 1 (NaN = empty: the other wins; two
// values as Math.Max, as LayerGrid.MaxOf), and the columns after the kept ones become NaN.
export function mergeColumnPairs(view, columns, layers) {
  const cells = view.slice();
  const kept = Math.ceil(columns / 2);
  for (let c = 0; c < kept; c++) {
    for (let l = 0; l < layers; l++) {
      const a = cells[2 * c * layers + l];
      const b = 2 * c + 1 < columns ? cells[(2 * c + 1) * layers + l] : NaN;
      cells[c * layers + l] = Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b);
    }
  }
  cells.fill(NaN, kept * layers, columns * layers);
  view.set(cells);
}
