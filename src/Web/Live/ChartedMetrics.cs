using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;

namespace GradientService.Web.Live;

/// <summary>
/// The per-layer metrics the dashboard charts (<see cref="LayerMetrics.Charted"/>, in the table's order): the field
/// pickers list them and <see cref="LayerGrid"/> keeps one grid each, numbered by their place in <see cref="All"/>.
/// </summary>
public static class ChartedMetrics
{
    public static IReadOnlyList<MetricInfo<LayerMetric>> All => LayerMetrics.Charted;

    /// <summary>The place of a metric's name in <see cref="All"/> (0, the first, for an unknown name).</summary>
    public static int IndexOf(string name)
    {
        for (var i = 0; i < All.Count; i++) if (All[i].Name == name) return i;
        return 0;
    }

    /// <summary>The names of the gradient metrics every net records (the depth profile's curves, the heatmaps the run page fills from the store).</summary>
    public static readonly IReadOnlyList<string> Gradients =
        [.. All.Where(m => m.Has(MetricTraits.Gradient) && !m.Has(MetricTraits.Sparse)).Select(m => m.Name)];

    /// <summary>The gradient metrics of nets built of blocks and sublayers (cnn, transformer): every gradient metric.</summary>
    public static readonly IReadOnlyList<string> BlockGradients = [.. All.Where(m => m.Has(MetricTraits.Gradient)).Select(m => m.Name)];

    /// <summary>The gradient metrics a net of <paramref name="model"/>'s architecture records.</summary>
    public static IReadOnlyList<string> GradientsOf(ModelSpec? model) => model is CnnSpec or TransformerSpec ? BlockGradients : Gradients;

    /// <summary>Every layer's value of the charted metric at <paramref name="index"/> in a frame (null: not computed).</summary>
    public static double?[] Read(LayerFrame frame, int index) => frame.Values[All[index].Ordinal];
}
