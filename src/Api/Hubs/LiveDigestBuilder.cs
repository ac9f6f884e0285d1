using System.Runtime.InteropServices;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Hubs;

/// <summary>
/// Folds consecutive <see cref="StepBatch"/>es of one run into one <see cref="LiveDigest"/> for a subscriber's
/// <see cref="LiveView"/>: each step metric's extremes at their steps, each grid cell's largest value, the newest layer
/// frame exact, and every event and episode. Single-threaded (the subscriber's send loop).
/// </summary>
public sealed class LiveDigestBuilder(Guid runId, LiveView view)
{
    private static readonly int[] GridMetrics =
        [.. LayerMetrics.Charted.Select(m => m.Ordinal), LayerMetrics.Table[LayerMetric.NonFiniteCount].Ordinal];

    private readonly StepExtremes[] _extremes = new StepExtremes[StepMetrics.Count];
    private readonly SortedDictionary<int, double[]> _columns = [];
    private readonly HashSet<(int Column, int Cell)> _infinite = [];
    private readonly List<RunEventMessage> _events = [];
    private readonly Dictionary<(string, int, int), RunEpisode> _episodes = [];
    private List<RecurrentFrame> _recurrent = [];
    private List<OutputDepthFrame> _outputDepths = [];
    private StepPoint? _last;
    private LayerFrame? _latest;
    private int _first, _through, _width = 1, _layers;

    public bool IsEmpty => _first == 0 && _events.Count == 0 && _episodes.Count == 0;

    public void Add(StepBatch batch)
    {
        foreach (var point in batch.Steps)
        {
            if (_first == 0) _first = point.Step;
            _through = Math.Max(_through, point.Step);
            _last = point;
            for (var m = 0; m < point.Values.Length && m < _extremes.Length; m++)
                if (point.Values[m] is { } value) _extremes[m].Add(point.Step, value);
        }
        foreach (var frame in batch.Layers) AddColumn(frame);
        if (batch.Layers.Count > 0 && (_latest is null || batch.Layers[^1].Step > _latest.Step)) _latest = batch.Layers[^1];
        if (batch.Recurrent.Count > 0) _recurrent = Newest(batch.Recurrent, r => r.Step);
        if (batch.OutputDepths is { Count: > 0 } depths) _outputDepths = Newest(depths, d => d.Step);
        _events.AddRange(batch.Events);
        foreach (var e in batch.Episodes) _episodes[(e.Kind, e.Track, e.FirstStep)] = e;
        if (_first == 0 && batch.Events.Count > 0) _first = batch.Events[0].Step;
        _through = Math.Max(_through, batch.Events.Count > 0 ? batch.Events[^1].Step : 0);
    }

    /// <summary>The digest of everything added since the last call; the builder starts afresh.</summary>
    public LiveDigest Take()
    {
        var first = _first > 0 ? _first : _episodes.Values.Select(e => e.LastStep).DefaultIfEmpty(0).Max();
        var digest = new LiveDigest(runId, first, Math.Max(first, _through), Points(), Columns(), _latest, _recurrent, [.. _events], [.. _episodes.Values],
            _outputDepths.Count > 0 ? _outputDepths : null);
        Array.Clear(_extremes);
        _columns.Clear();
        _infinite.Clear();
        _events.Clear();
        _episodes.Clear();
        _recurrent = [];
        _outputDepths = [];
        (_last, _latest, _first, _through) = (null, null, 0, 0);
        return digest;
    }

    /// <summary>Folds one step's layer probes into its grid column (widening every column first when the step does not fit).</summary>
    private void AddColumn(LayerFrame frame)
    {
        if (frame.Values.Length == 0) return;
        var layers = frame.Values[0].Length;
        if (layers == 0) return;
        if (_layers != layers && _columns.Count > 0) _columns.Clear(); // never within a run: its layer count is fixed
        _layers = layers;
        var width = view.WidthFor(frame.Step);
        if (width > _width) Widen(width);
        var column = (frame.Step - 1) / _width;
        if (!_columns.TryGetValue(column, out var cells)) _columns[column] = cells = Empty(GridMetrics.Length * layers);
        for (var k = 0; k < GridMetrics.Length; k++)
        {
            if (GridMetrics[k] >= frame.Values.Length) continue;
            var values = frame.Values[GridMetrics[k]];
            for (var l = 0; l < values.Length && l < layers; l++)
            {
                if (values[l] is not { } value || double.IsNaN(value)) continue;
                var cell = k * layers + l;
                if (double.IsInfinity(value)) _infinite.Add((column, cell));
                else if (double.IsNaN(cells[cell]) || value > cells[cell]) cells[cell] = value;
            }
        }
    }

    /// <summary>The view's grid widened (its columns merged in pairs): the columns gathered so far merge the same way.</summary>
    private void Widen(int width)
    {
        var factor = width / _width;
        _width = width;
        foreach (var (column, cells) in _columns.ToList())
        {
            _columns.Remove(column);
            if (!_columns.TryGetValue(column / factor, out var into))
            {
                _columns[column / factor] = cells;
                continue;
            }
            for (var i = 0; i < into.Length; i++) if (double.IsNaN(into[i]) || cells[i] > into[i]) into[i] = cells[i];
        }
        var infinite = _infinite.Select(c => (c.Column / factor, c.Cell)).ToList();
        _infinite.Clear();
        _infinite.UnionWith(infinite);
    }

    private LayerColumns? Columns()
    {
        if (_columns.Count == 0) return null;
        var size = GridMetrics.Length * _layers;
        var maxima = new double[_columns.Count * size];
        var indices = new int[_columns.Count];
        var at = new Dictionary<int, int>(_columns.Count);
        var i = 0;
        foreach (var (column, cells) in _columns)
        {
            indices[i] = column;
            at[column] = i;
            cells.CopyTo(maxima, i++ * size);
        }
        int[] infinite = [.. _infinite.Select(c => at[c.Column] * size + c.Cell).Order()];
        return new LayerColumns(_width, _layers, GridMetrics, indices, MemoryMarshal.AsBytes(maxima.AsSpan()).ToArray(), infinite);
    }

    /// <summary>Each metric's extremes and first non-finite value, and the last step in full, merged by step in ascending order.</summary>
    private List<StepPoint> Points()
    {
        var byStep = new SortedDictionary<int, double?[]>();
        double?[] At(int step) => byStep.TryGetValue(step, out var v) ? v : byStep[step] = new double?[StepMetrics.Count];
        for (var m = 0; m < _extremes.Length; m++)
        {
            ref var e = ref _extremes[m];
            if (e.Any)
            {
                At(e.MinStep)[m] = e.Min;
                At(e.MaxStep)[m] = e.Max;
            }
            if (e.NonFiniteStep > 0) At(e.NonFiniteStep)[m] = e.NonFinite;
        }
        if (_last is { } last)
        {
            var values = At(last.Step);
            for (var m = 0; m < last.Values.Length && m < values.Length; m++) values[m] = last.Values[m];
        }
        return [.. byStep.Select(p => new StepPoint(p.Key, p.Value))];
    }

    private static List<T> Newest<T>(IReadOnlyList<T> frames, Func<T, int> step)
    {
        var newest = step(frames[^1]);
        return [.. frames.Where(f => step(f) == newest)];
    }

    private static double[] Empty(int count)
    {
        var cells = new double[count];
        Array.Fill(cells, double.NaN);
        return cells;
    }

    /// <summary>One step metric over the steps gathered: its smallest and largest finite value at their steps, its first non-finite one.</summary>
    private struct StepExtremes
    {
        public bool Any;
        public int MinStep, MaxStep, NonFiniteStep;
        public double Min, Max, NonFinite;

        public void Add(int step, double value)
        {
            if (!double.IsFinite(value))
            {
                if (NonFiniteStep == 0) (NonFiniteStep, NonFinite) = (step, value);
                return;
            }
            if (!Any || value < Min) (Min, MinStep) = (value, step);
            if (!Any || value > Max) (Max, MaxStep) = (value, step);
            Any = true;
        }
    }
}
