namespace GradientService.Contracts.Metrics;

/// <summary>
/// One row of a metric table: <paramref name="Name"/> is the wire, query and CSV name (camelCase, never changed once
/// published); <paramref name="Label"/> the symbol with units the dashboard shows; <paramref name="Meaning"/> what it
/// tells (dashboard help and the Api's documentation).
/// </summary>
public sealed record MetricInfo<TMetric>(TMetric Metric, string Name, string Label, string Meaning, MetricTraits Traits = MetricTraits.None)
    where TMetric : struct, Enum
{
    /// <summary>The metric's stable number (its index in stored layouts and wire arrays).</summary>
    public int Ordinal { get; } = Convert.ToInt32(Metric, System.Globalization.CultureInfo.InvariantCulture);

    public bool Has(MetricTraits trait) => (Traits & trait) == trait;
}
