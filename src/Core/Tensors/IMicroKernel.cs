namespace GradientService.Core.Tensors;

/// <summary>
/// A register-blocked micro-kernel: C[Mr×Nr] = (or +=) Σ_p a[p·Mr + r]·b[p·Nr + c] over packed panels
/// (<see cref="Packing{T}"/>). Every element's sum runs over p in order with one fused multiply-add per step,
/// so a kernel gives the same bits for an element wherever the element's tile lies.
/// </summary>
internal interface IMicroKernel<T> where T : unmanaged
{
    /// <summary>Rows of C per call (the broadcast operand's panel height).</summary>
    static abstract int Mr { get; }

    /// <summary>Columns of C per call (the vector operand's panel width, a multiple of the vector length).</summary>
    static abstract int Nr { get; }

    /// <summary>True when this machine runs the kernel in hardware vectors.</summary>
    static abstract bool IsSupported { get; }

    /// <summary>
    /// <paramref name="kc"/> ≥ 1 steps; <paramref name="c"/> has row stride <paramref name="ldc"/>. When
    /// <paramref name="overwrite"/>, C = sum; otherwise C = C + sum.
    /// </summary>
    static abstract unsafe void Run(int kc, T* a, T* b, T* c, nint ldc, bool overwrite);
}
