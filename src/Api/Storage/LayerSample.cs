using GradientService.Contracts.Metrics;

namespace GradientService.Api.Storage;

/// <summary>One layer's probes at one step, unpacked from a <see cref="LayerChunk"/>; <see cref="Values"/> is indexed by metric ordinal (null: absent).</summary>
public sealed record LayerSample(int Layer, int Step, double?[] Values)
{
    public double? this[LayerMetric metric] => (int)metric < Values.Length ? Values[(int)metric] : null;
}
