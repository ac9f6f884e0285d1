using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GradientService.Core.Tensors;

/// <summary>
/// AVX-512 micro-kernel, 8 rows × 2 vectors (8×32 for float, 8×16 for double): 16 accumulators of the
/// 32 zmm registers, 2 vector loads and 8 broadcasts per 16 FMAs.
/// </summary>
internal readonly struct GemmKernel512<T> : IMicroKernel<T> where T : unmanaged
{
    private static int W => Vector512<T>.Count;

    public static int Mr => 8;

    public static int Nr => 2 * Vector512<T>.Count;

    public static bool IsSupported => Vector512.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, T* a, T* b, T* c, nint ldc, bool overwrite)
    {
        // The C tile (8 rows of 128 bytes) is read or written only after the k loop: fetch it meanwhile.
        for (var r = 0; r < 8; r++)
        {
            Sse.Prefetch0(c + r * ldc);
            Sse.Prefetch0((byte*)(c + r * ldc) + 64);
        }
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<T> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<T> c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<T> c60 = default, c61 = default, c70 = default, c71 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + W);
            var ar = Vector512.Create(a[0]);
            c00 = Fma(ar, b0, c00); c01 = Fma(ar, b1, c01);
            ar = Vector512.Create(a[1]);
            c10 = Fma(ar, b0, c10); c11 = Fma(ar, b1, c11);
            ar = Vector512.Create(a[2]);
            c20 = Fma(ar, b0, c20); c21 = Fma(ar, b1, c21);
            ar = Vector512.Create(a[3]);
            c30 = Fma(ar, b0, c30); c31 = Fma(ar, b1, c31);
            ar = Vector512.Create(a[4]);
            c40 = Fma(ar, b0, c40); c41 = Fma(ar, b1, c41);
            ar = Vector512.Create(a[5]);
            c50 = Fma(ar, b0, c50); c51 = Fma(ar, b1, c51);
            ar = Vector512.Create(a[6]);
            c60 = Fma(ar, b0, c60); c61 = Fma(ar, b1, c61);
            ar = Vector512.Create(a[7]);
            c70 = Fma(ar, b0, c70); c71 = Fma(ar, b1, c71);
            a += 8;
            b += 2 * W;
        }
        Store(c, c00, c01, overwrite); c += ldc;
        Store(c, c10, c11, overwrite); c += ldc;
        Store(c, c20, c21, overwrite); c += ldc;
        Store(c, c30, c31, overwrite); c += ldc;
        Store(c, c40, c41, overwrite); c += ldc;
        Store(c, c50, c51, overwrite); c += ldc;
        Store(c, c60, c61, overwrite); c += ldc;
        Store(c, c70, c71, overwrite);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store(T* c, Vector512<T> s0, Vector512<T> s1, bool overwrite)
    {
        if (!overwrite)
        {
            s0 += Vector512.Load(c);
            s1 += Vector512.Load(c + W);
        }
        s0.Store(c);
        s1.Store(c + W);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma(Vector512<T> x, Vector512<T> y, Vector512<T> acc)
    {
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), acc.As<T, float>()).As<float, T>();
        return Vector512.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), acc.As<T, double>()).As<double, T>();
    }
}
