namespace GradientService.Core.Export;

/// <summary>Element types of the safetensors format that this reader knows (all little-endian).</summary>
public enum SafeTensorsDtype
{
    F64,
    F32,
    F16,
    BF16,
    I64,
    I32,
    I16,
    I8,
    U8,
    Bool,
}
