using System.Runtime.InteropServices;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;

namespace GradientService.Web.Live;

/// <summary>
/// The layer × step values of a run in bounded memory: <see cref="Capacity"/> columns of <see cref="Width"/> steps each
/// (column c holds steps c·w + 1 … (c + 1)·w); a cell keeps the largest finite value seen in it (the Api's heatmap
/// aggregate) and whether a NaN or ±∞ occurred. When a step falls past the last column, pairs of columns merge and
/// the width doubles, so a 100,000-step run takes the same memory as a 1,000-step one.
/// </summary>
public sealed class LayerGrid
{
    // The gradient metrics: a layer's non-finite gradient entries flag them.
    private static readonly int[] GradientFields = [.. Enumerable.Range(0, ChartedMetrics.All.Count).Where(f => ChartedMetrics.All[f].Has(MetricTraits.Gradient))];

    // Every field's cells in one block (field f's at f · Layers · Capacity), so a width doubling merges them all in one call
    // to grid.js. A field's cells are filled with NaN (empty) when it is first written: a finished run's first look fills
    // one field, and filling every field's cells up front cost the page a quarter of a second in WebAssembly. Flags are
    // allocated per field when first set.
    private double[]? _block;
    private readonly bool[] _held;
    private readonly bool[]?[] _nonFinite;
    private readonly double[] _emptyColumn;
    // The grid version that last changed each column; 0: nothing was written to it (every field's cells there are empty).
    private readonly long[] _changedAt;

    public LayerGrid(int layers, int capacity = 1024)
    {
        if (layers < 1) throw new ArgumentOutOfRangeException(nameof(layers));
        if (capacity < 2 || capacity % 2 != 0) throw new ArgumentOutOfRangeException(nameof(capacity), "Must be even, at least 2.");
        Layers = layers;
        Capacity = capacity;
        _held = new bool[ChartedMetrics.All.Count];
        _nonFinite = new bool[]?[ChartedMetrics.All.Count];
        _emptyColumn = NewCells(layers);
        _changedAt = new long[capacity];
    }

    public int Layers { get; }

    public int Capacity { get; }

    /// <summary>Steps per column (a power of two).</summary>
    public int Width { get; private set; } = 1;

    /// <summary>Columns in use: up to the newest step seen.</summary>
    public int Columns { get; private set; }

    /// <summary>Bumped on every change, so views redraw only when something changed.</summary>
    public long Version { get; private set; }

    /// <summary>
    /// Bumped when columns merge in pairs (the width doubles, every column moves): a view drawn before merges its own
    /// columns the same way (a cell's colour index is monotonic in its value, so the pair's larger index is the merged
    /// cell's) or redraws everything.
    /// </summary>
    public int Compactions { get; private set; }

    /// <summary>
    /// The first column changed after <paramref name="version"/> (a <see cref="Version"/> read earlier), or
    /// <see cref="Columns"/> when none did. Across compactions a merged column counts as changed when either of its pair
    /// did. Live steps change the newest column or two, so a view redraws those instead of all of them.
    /// </summary>
    public int FirstChangedSince(long version)
    {
        for (var c = 0; c < Columns; c++) if (_changedAt[c] > version) return c;
        return Columns;
    }

    public int ColumnOf(int step) => (step - 1) / Width;

    public (int First, int Last) StepsOf(int column) => (column * Width + 1, (column + 1) * Width);

    /// <summary>Value of <paramref name="layer"/> (1-based) in <paramref name="column"/> for one field; NaN when empty.</summary>
    public double Value(int field, int column, int layer) => _held[field] ? _block![Offset(field) + column * Layers + layer - 1] : double.NaN; // held: allocated

    public bool NonFinite(int field, int column, int layer) => _nonFinite[field] is { } flags && flags[column * Layers + layer - 1];

    /// <summary>Whether any layer of one field had a NaN or ±∞ in <paramref name="column"/>.</summary>
    public bool AnyNonFinite(int field, int column) => _nonFinite[field] is { } flags && flags.AsSpan(column * Layers, Layers).Contains(true);

    /// <summary>Every layer's value of one field in one column (index layer − 1).</summary>
    public ReadOnlySpan<double> Column(int field, int column) => _held[field] ? _block.AsSpan(Offset(field) + column * Layers, Layers) : _emptyColumn;

    /// <summary>
    /// Copies one field's cells of columns <paramref name="from"/> onwards into <paramref name="into"/> (column after
    /// column, layer 1 first; as many columns as it holds); NaN where empty.
    /// </summary>
    public void CopyCells(int field, int from, Span<double> into)
    {
        if (_held[field]) _block.AsSpan(Offset(field) + from * Layers, into.Length).CopyTo(into);
        else into.Fill(double.NaN);
    }

    public void Add(LayerFrame frame)
    {
        var column = Reserve(frame.Step);
        for (var f = 0; f < ChartedMetrics.All.Count; f++)
        {
            var values = ChartedMetrics.Read(frame, f);
            for (var l = 0; l < Layers && l < values.Length; l++) if (values[l] is { } value) Put(f, column * Layers + l, value);
        }
        var nonFinite = frame.Values[(int)LayerMetric.NonFiniteCount];
        for (var l = 0; l < Layers && l < nonFinite.Length; l++)
        {
            if (nonFinite[l] is not > 0) continue;
            foreach (var f in GradientFields) Flags(f)[column * Layers + l] = true;
        }
        _changedAt[column] = ++Version;
    }

    /// <summary>
    /// Merges the hub's pre-aggregated columns (a negotiated live view's grid: its columns are as wide as ours or narrower,
    /// aligned, so each lands in one of ours), as if every step in them had been added.
    /// </summary>
    public void Add(LayerColumns columns)
    {
        if (columns.Layers != Layers || columns.Indices.Length == 0) return;
        Reserve((columns.Indices[^1] + 1) * columns.Width);
        var maxima = MemoryMarshal.Cast<byte, double>(columns.Maxima);
        var size = columns.Metrics.Length * Layers;
        var nonFinite = Array.IndexOf(columns.Metrics, (int)LayerMetric.NonFiniteCount);
        var metricOf = new int[ChartedMetrics.All.Count];
        for (var f = 0; f < metricOf.Length; f++) metricOf[f] = Array.IndexOf(columns.Metrics, ChartedMetrics.All[f].Ordinal);
        for (var i = 0; i < columns.Indices.Length; i++)
        {
            var column = ColumnOf(columns.Indices[i] * columns.Width + 1);
            var cells = maxima.Slice(i * size, size);
            // A column nothing was written to yet takes the maxima as they are (finite or NaN for none: ±∞ come apart, in
            // Infinite), one block copy per field; the first live steps bring hundreds of such columns per update.
            var empty = _changedAt[column] == 0;
            for (var f = 0; f < metricOf.Length; f++)
            {
                var k = metricOf[f];
                if (k < 0) continue;
                var values = cells.Slice(k * Layers, Layers);
                if (empty) values.CopyTo(Cells(f).Slice(column * Layers, Layers));
                else for (var l = 0; l < Layers; l++) if (!double.IsNaN(values[l])) Put(f, column * Layers + l, values[l]);
            }
            if (nonFinite >= 0)
            {
                var counts = cells.Slice(nonFinite * Layers, Layers);
                for (var l = 0; l < Layers; l++)
                    if (counts[l] > 0) foreach (var f in GradientFields) Flags(f)[column * Layers + l] = true;
            }
            _changedAt[column] = ++Version;
        }
        foreach (var cell in columns.Infinite)
        {
            var (i, rest) = Math.DivRem(cell, size);
            var (k, l) = Math.DivRem(rest, Layers);
            var f = ChartedIndex(columns.Metrics[k]);
            if (f >= 0 && i < columns.Indices.Length) Flags(f)[ColumnOf(columns.Indices[i] * columns.Width + 1) * Layers + l] = true;
        }
    }

    private static int ChartedIndex(int ordinal)
    {
        for (var f = 0; f < ChartedMetrics.All.Count; f++) if (ChartedMetrics.All[f].Ordinal == ordinal) return f;
        return -1;
    }

    /// <summary>
    /// Merges the Api's heatmap of one field: each of its columns (steps <c>ColumnFirstSteps[c]</c> … <c>ColumnLastSteps[c]</c>)
    /// into every column of ours it overlaps, as <see cref="Put"/> would cell by cell. One pass per layer over its row:
    /// a finished run's first look merges ~78,000 cells here.
    /// </summary>
    public void Merge(int field, Heatmap heatmap)
    {
        var count = Math.Min(heatmap.ColumnFirstSteps.Count, heatmap.ColumnLastSteps.Count);
        if (count == 0) return;
        var lastStep = 0;
        for (var c = 0; c < count; c++) lastStep = Math.Max(lastStep, heatmap.ColumnLastSteps[c]);
        Reserve(lastStep); // merging pairs of columns by max commutes with merging the cells: widen once, first
        var (firstColumn, lastColumn) = (new int[count], new int[count]);
        for (var c = 0; c < count; c++) (firstColumn[c], lastColumn[c]) = (ColumnOf(heatmap.ColumnFirstSteps[c]), ColumnOf(heatmap.ColumnLastSteps[c]));
        var cells = _held[field] ? Cells(field) : default;
        for (var l = 0; l < Layers && l < heatmap.Values.Count; l++)
        {
            var row = heatmap.Values[l];
            var flags = heatmap.NonFinite[l];
            for (var c = 0; c < count; c++)
            {
                var value = row[c];
                var flagged = flags[c] || double.IsInfinity(value);
                if (double.IsNaN(value) && !flagged) continue;
                for (var column = firstColumn[c]; column <= lastColumn[c]; column++)
                {
                    var cell = column * Layers + l;
                    if (flagged) Flags(field)[cell] = true;
                    if (!double.IsFinite(value)) continue;
                    if (cells.IsEmpty) cells = Cells(field);
                    var held = cells[cell];
                    if (double.IsNaN(held) || value > held) cells[cell] = value;
                }
            }
        }
        Version++;
        for (var c = 0; c < count; c++) for (var column = firstColumn[c]; column <= lastColumn[c]; column++) _changedAt[column] = Version;
    }

    /// <summary>
    /// Widens an empty grid's columns until a run of <paramref name="steps"/> steps fits (no cell moves: nothing is held),
    /// so a live run's grid never merges its columns while it streams: each width doubling merged every field's cells and
    /// redrew the whole heatmap in one update. Does nothing once a step is held.
    /// </summary>
    public void Presize(int steps)
    {
        if (Columns > 0) return;
        while (steps > 0 && ColumnOf(steps) >= Capacity) Widen();
    }

    /// <summary>Widens the columns until <paramref name="step"/> fits, and returns its column.</summary>
    public int Reserve(int step)
    {
        while (ColumnOf(step) >= Capacity)
        {
            if (Columns == 0) Widen(); // nothing held yet: no cell moves (a finished run's history arrives in one piece)
            else Compact();
        }
        Columns = Math.Max(Columns, ColumnOf(step) + 1);
        return ColumnOf(step);
    }

    private void Put(int field, int cell, double value)
    {
        if (double.IsNaN(value)) return; // NaN: the frame's nonFiniteCount flags it
        if (double.IsInfinity(value))
        {
            Flags(field)[cell] = true;
            return;
        }
        if (!_held[field]) Cells(field);
        var at = Offset(field) + cell;
        var held = _block![at]; // held: allocated
        if (double.IsNaN(held) || value > held) _block[at] = value;
    }

    private bool[] Flags(int field) => _nonFinite[field] ??= new bool[Layers * Capacity];

    private int Offset(int field) => field * Layers * Capacity;

    /// <summary>One field's cells, filled with NaN (empty) when first asked for.</summary>
    private Span<double> Cells(int field)
    {
        _block ??= new double[_held.Length * Layers * Capacity];
        var cells = _block.AsSpan(Offset(field), Layers * Capacity);
        if (!_held[field]) cells.Fill(double.NaN);
        _held[field] = true;
        return cells;
    }

    /// <summary>Merges pairs of the columns in use (the cells past them are empty already); the width doubles.</summary>
    private void Compact()
    {
        var kept = (Columns + 1) / 2;
        int[] held = [.. Enumerable.Range(0, _held.Length).Where(f => _held[f])];
        if (held.Length > 0 && OperatingSystem.IsBrowser() && GridScript.Loaded)
        {
            // Every field in one call to the browser's JS: a 100-layer grid's 13 fields × 102,400 cells took ~80 ms as a
            // call per field and ~250 ms in interpreted .NET.
            GridScript.MergeColumnPairs(_block, held, Layers * Capacity, Columns, Layers); // a field is held: the block exists
        }
        else
        {
            foreach (var f in held) MergeColumnPairs(Cells(f), kept);
        }
        foreach (var flags in _nonFinite)
        {
            if (flags is null) continue;
            for (var c = 0; c < kept; c++)
                for (var l = 0; l < Layers; l++) flags[c * Layers + l] = flags[2 * c * Layers + l] || flags[(2 * c + 1) * Layers + l];
            Array.Fill(flags, false, kept * Layers, (Columns - kept) * Layers);
        }
        for (var c = 0; c < kept; c++) _changedAt[c] = Math.Max(_changedAt[2 * c], 2 * c + 1 < Columns ? _changedAt[2 * c + 1] : 0);
        Array.Clear(_changedAt, kept, Columns - kept);
        Columns = kept;
        Widen();
    }

    /// <summary>
    /// One field's columns in use merged in pairs into the first <paramref name="kept"/>, the rest emptied (grid.js' rule).
    /// With an odd count the last column pairs with the empty one after it (the capacity is even, so there is one).
    /// </summary>
    private void MergeColumnPairs(Span<double> cells, int kept)
    {
        for (var c = 0; c < kept; c++)
            for (var l = 0; l < Layers; l++) cells[c * Layers + l] = MaxOf(cells[2 * c * Layers + l], cells[(2 * c + 1) * Layers + l]);
        cells[(kept * Layers)..(Columns * Layers)].Fill(double.NaN);
    }

    private void Widen()
    {
        Width *= 2;
        Compactions++;
        Version++;
    }

    private static double MaxOf(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Max(a, b);

    private static double[] NewCells(int count)
    {
        var cells = new double[count];
        Array.Fill(cells, double.NaN);
        return cells;
    }
}
