using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GradientService.Core.Tensors;

/// <summary>
/// AVX2 + FMA micro-kernel, 6 rows × 2 vectors (6×16 for float, 6×8 for double): 12 accumulators, so the
/// kernel fits the 16 ymm registers of machines without AVX-512.
/// </summary>
internal readonly struct GemmKernel256<T> : IMicroKernel<T> where T : unmanaged
{
    private static int W => Vector256<T>.Count;

    public static int Mr => 6;

    public static int Nr => 2 * Vector256<T>.Count;

    public static bool IsSupported => Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, T* a, T* b, T* c, nint ldc, bool overwrite)
    {
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + W);
            var ar = Vector256.Create(a[0]);
            c00 = Fma(ar, b0, c00); c01 = Fma(ar, b1, c01);
            ar = Vector256.Create(a[1]);
            c10 = Fma(ar, b0, c10); c11 = Fma(ar, b1, c11);
            ar = Vector256.Create(a[2]);
            c20 = Fma(ar, b0, c20); c21 = Fma(ar, b1, c21);
            ar = Vector256.Create(a[3]);
            c30 = Fma(ar, b0, c30); c31 = Fma(ar, b1, c31);
            ar = Vector256.Create(a[4]);
            c40 = Fma(ar, b0, c40); c41 = Fma(ar, b1, c41);
            ar = Vector256.Create(a[5]);
            c50 = Fma(ar, b0, c50); c51 = Fma(ar, b1, c51);
            a += 6;
            b += 2 * W;
        }
        Store(c, c00, c01, overwrite); c += ldc;
        Store(c, c10, c11, overwrite); c += ldc;
        Store(c, c20, c21, overwrite); c += ldc;
        Store(c, c30, c31, overwrite); c += ldc;
        Store(c, c40, c41, overwrite); c += ldc;
        Store(c, c50, c51, overwrite);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store(T* c, Vector256<T> s0, Vector256<T> s1, bool overwrite)
    {
        if (!overwrite)
        {
            s0 += Vector256.Load(c);
            s1 += Vector256.Load(c + W);
        }
        s0.Store(c);
        s1.Store(c + W);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma(Vector256<T> x, Vector256<T> y, Vector256<T> acc)
    {
        if (typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), acc.As<T, float>()).As<float, T>();
        return Vector256.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), acc.As<T, double>()).As<double, T>();
    }
}
