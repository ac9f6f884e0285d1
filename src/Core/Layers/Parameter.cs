namespace GradientService.Core.Layers;

/// <summary>
/// A trainable tensor and its gradient, stored flat row-major in <see cref="Shape"/> (weights [out, in]).
/// <see cref="Group"/> is the 0-based linear layer it belongs to (telemetry and per-layer clipping group by it).
/// </summary>
public sealed class Parameter<T>(string name, int group, params int[] shape) where T : unmanaged
{
    /// <summary>PyTorch-style name, e.g. "layers.0.weight".</summary>
    public string Name { get; } = name;

    public int Group { get; } = group;

    /// <summary>What the tensor is to its layer; telemetry reports weight and bias gradients separately.</summary>
    public ParameterRole Role { get; init; } = ParameterRole.Other;

    public int[] Shape { get; } = shape;

    public T[] Value { get; } = new T[shape.Aggregate(1, (a, b) => a * b)];

    /// <summary>∂L/∂Value for the current batch; overwritten each step.</summary>
    public T[] Grad { get; } = new T[shape.Aggregate(1, (a, b) => a * b)];

    public int Length => Value.Length;
}

/// <summary>A parameter's part in its layer.</summary>
public enum ParameterRole
{
    /// <summary>A weight matrix (W, or W_ih / W_hh of a recurrent layer).</summary>
    Weight,
    /// <summary>A bias vector of the affine map.</summary>
    Bias,
    /// <summary>Anything else (normalisation γ and β).</summary>
    Other,
}
