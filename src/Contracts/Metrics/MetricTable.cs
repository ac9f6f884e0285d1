namespace GradientService.Contracts.Metrics;

/// <summary>
/// The rows of one metric table, in the order they are listed (the order the dashboard's pickers show them), and by
/// ordinal (the Api's order: CSV columns, default field lists, documentation). Built once; it checks that the ordinals are exactly 0 … <see cref="Count"/> − 1 and the names distinct, so a
/// table that misses a row or repeats a number fails at its first use.
/// </summary>
public sealed class MetricTable<TMetric> where TMetric : struct, Enum
{
    private readonly MetricInfo<TMetric>[] _byOrdinal;
    private readonly Dictionary<string, MetricInfo<TMetric>> _byName = new(StringComparer.OrdinalIgnoreCase);

    public MetricTable(int count, params MetricInfo<TMetric>[] rows)
    {
        if (rows.Length != count || Enum.GetValues<TMetric>().Length != count)
            throw new InvalidOperationException($"The {typeof(TMetric).Name} table lists {rows.Length} rows for {count} metrics.");
        _byOrdinal = new MetricInfo<TMetric>[count];
        foreach (var row in rows)
        {
            if ((uint)row.Ordinal >= (uint)count || _byOrdinal[row.Ordinal] is not null)
                throw new InvalidOperationException($"{typeof(TMetric).Name}.{row.Metric} has ordinal {row.Ordinal}: not in 0 … {count - 1} or taken.");
            if (!_byName.TryAdd(row.Name, row)) throw new InvalidOperationException($"The metric name '{row.Name}' is listed twice.");
            _byOrdinal[row.Ordinal] = row;
        }
        All = rows;
    }

    /// <summary>Every metric, in the table's order.</summary>
    public IReadOnlyList<MetricInfo<TMetric>> All { get; }

    /// <summary>Every metric, by ordinal (the order of stored layouts, wire arrays, CSV columns and the Api's lists).</summary>
    public IReadOnlyList<MetricInfo<TMetric>> ByOrdinal => _byOrdinal;

    public int Count => _byOrdinal.Length;

    public MetricInfo<TMetric> this[TMetric metric] => _byOrdinal[Convert.ToInt32(metric, System.Globalization.CultureInfo.InvariantCulture)];

    /// <summary>Finds a metric by its name (case-insensitive).</summary>
    public bool TryParse(string name, out TMetric metric)
    {
        var found = _byName.TryGetValue(name, out var row);
        metric = found ? row!.Metric : default; // found: TryGetValue set row
        return found;
    }

    /// <summary>The names, by ordinal (for messages and documentation).</summary>
    public IEnumerable<string> Names => _byOrdinal.Select(m => m.Name);
}
