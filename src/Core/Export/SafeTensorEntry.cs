namespace GradientService.Core.Export;

/// <summary>One tensor of a safetensors header: its bytes are [Begin, End) of the data section.</summary>
/// <param name="Name">The tensor's key in the header (e.g. "layers.0.weight").</param>
/// <param name="Dtype">Element type.</param>
/// <param name="Shape">Dimensions, row-major; empty for a scalar.</param>
/// <param name="Begin">First byte, relative to the start of the data section.</param>
/// <param name="End">One past the last byte.</param>
public sealed record SafeTensorEntry(string Name, SafeTensorsDtype Dtype, long[] Shape, long Begin, long End)
{
    /// <summary>Product of <see cref="Shape"/> (1 for a scalar).</summary>
    public long ElementCount => (End - Begin) / SafeTensorsDtypes.SizeOf(Dtype);
}
