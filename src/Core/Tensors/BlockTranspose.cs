using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GradientService.Core.Tensors;

/// <summary>
/// In-register transposes of small square blocks (AVX): dst row q = src column q. The packing of an
/// operand whose steps run along its rows (op(A) = A, op(B) = Bᵀ) is a sequence of these.
/// </summary>
internal static unsafe class BlockTranspose
{
    public static bool IsSupported => Avx.IsSupported;

    /// <summary>8×8 floats: rows of <paramref name="src"/> <paramref name="ss"/> apart, of dst <paramref name="ds"/> apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Float8x8(float* src, nint ss, float* dst, nint ds)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + ss);
        var r2 = Avx.LoadVector256(src + 2 * ss);
        var r3 = Avx.LoadVector256(src + 3 * ss);
        var r4 = Avx.LoadVector256(src + 4 * ss);
        var r5 = Avx.LoadVector256(src + 5 * ss);
        var r6 = Avx.LoadVector256(src + 6 * ss);
        var r7 = Avx.LoadVector256(src + 7 * ss);
        // Interleave pairs of rows, then pairs of pairs (within 128-bit lanes), then swap lanes.
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + ds, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2 * ds, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3 * ds, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4 * ds, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5 * ds, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6 * ds, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7 * ds, Avx.Permute2x128(u3, u7, 0x31));
    }

    /// <summary>4×4 doubles: rows of <paramref name="src"/> <paramref name="ss"/> apart, of dst <paramref name="ds"/> apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Double4x4(double* src, nint ss, double* dst, nint ds)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + ss);
        var r2 = Avx.LoadVector256(src + 2 * ss);
        var r3 = Avx.LoadVector256(src + 3 * ss);
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        Avx.Store(dst, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(dst + ds, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(dst + 2 * ds, Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(dst + 3 * ds, Avx.Permute2x128(t1, t3, 0x31));
    }
}
