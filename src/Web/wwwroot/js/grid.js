// LayerGrid's column merge when its width doubles (Live/GridScript.cs), every field in one call, on a view of .NET's memory:
// field `fields[i]`'s cells start at fields[i] · stride, `columns` columns of `layers` float64 cells each. Column c
// becomes the larger of columns 2c and 2c + 1 (NaN = empty: the other wins; two values as Math.Max, as LayerGrid.MaxOf;
// an odd last column stays as it is), and the columns after the kept ones become NaN.
export function mergeColumnPairs(view, fields, stride, columns, layers) {
  const used = columns * layers;
  const kept = Math.ceil(columns / 2);
  for (const field of fields) {
    const cells = view.slice(field * stride, field * stride + used);
    mergePairs(cells, columns, kept, layers);
    view.set(cells, field * stride);
  }
}

function mergePairs(cells, columns, kept, layers) {
  const pairs = columns >> 1;
  for (let c = 0; c < pairs; c++) {
    const to = c * layers, a = 2 * c * layers, b = a + layers;
    for (let l = 0; l < layers; l++) cells[to + l] = maxOf(cells[a + l], cells[b + l]);
  }
  if (kept > pairs) cells.copyWithin(pairs * layers, 2 * pairs * layers, 2 * pairs * layers + layers);
  cells.fill(NaN, kept * layers);
}

function maxOf(x, y) {
  if (x !== x) return y;
  if (y !== y || x > y) return x;
  if (y > x) return y;
  return x === 0 && 1 / x < 0 ? y : x; // equal; of −0 and +0, +0 (Math.Max's order)
}
