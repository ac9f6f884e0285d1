using GradientService.Api.Series;

namespace GradientService.Api.Storage;

/// <summary>One layer's probes at one step, unpacked from a <see cref="LayerChunk"/>; <see cref="Values"/> is indexed by <see cref="LayerField"/>.</summary>
public sealed record LayerSample(int Layer, int Step, double[] Values)
{
    public double this[LayerField field] => Values[(int)field];
}
