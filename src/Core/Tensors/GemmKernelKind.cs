namespace GradientService.Core.Tensors;

/// <summary>Which micro-kernel family a <see cref="MatrixProduct{T}"/> runs.</summary>
internal enum GemmKernelKind
{
    /// <summary>Vector512 + FMA, 8 × 2 vectors.</summary>
    Avx512,

    /// <summary>Vector256 + FMA, 6 × 2 vectors.</summary>
    Avx2,

    /// <summary>Vector128, 4 × 2 vectors: any machine.</summary>
    Portable,
}
