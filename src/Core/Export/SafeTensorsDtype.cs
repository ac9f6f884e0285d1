namespace GradientService.Core.Export;

/// <summary>Element types of the safetensors format that this reader knows (all little-endian).</summary>
public enum SafeTensorsDtype
{
    /// <summary>IEEE 754 binary64 (double).</summary>
    F64,
    /// <summary>IEEE 754 binary32 (float).</summary>
    F32,
    /// <summary>IEEE 754 binary16 (Half).</summary>
    F16,
    /// <summary>bfloat16: the upper 16 bits of a binary32 (read only as a float).</summary>
    BF16,
    /// <summary>Signed 64-bit integer (long).</summary>
    I64,
    /// <summary>Signed 32-bit integer (int).</summary>
    I32,
    /// <summary>Signed 16-bit integer (short).</summary>
    I16,
    /// <summary>Signed 8-bit integer (sbyte).</summary>
    I8,
    /// <summary>Unsigned 8-bit integer (byte).</summary>
    U8,
    /// <summary>One byte, 0 or 1; "BOOL" in the header.</summary>
    Bool,
}
