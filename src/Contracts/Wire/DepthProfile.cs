namespace GradientService.Contracts.Wire;

/// <summary>
/// Every layer's probes at one recorded step: the decay of a gradient across depth as one curve.
/// <c>Fields</c>: Names of the values in each layer's <see cref="DepthProfileLayer.Values"/>, in order.
/// </summary>
public sealed record DepthProfile(Guid RunId, int Step, IReadOnlyList<string> Fields, IReadOnlyList<DepthProfileLayer> Layers);

/// <summary>One layer's values at the profile's step, aligned with <see cref="DepthProfile.Fields"/> (null: not computed at that step).</summary>
public sealed record DepthProfileLayer(int Layer, string Name, IReadOnlyList<double?> Values);
