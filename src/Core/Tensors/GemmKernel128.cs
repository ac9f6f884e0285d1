using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GradientService.Core.Tensors;

/// <summary>
/// Portable micro-kernel, 4 rows × 2 Vector128 (4×8 for float, 4×4 for double): the fallback for machines
/// without AVX2 + FMA (and the software path where Vector128 is not accelerated). Multiply-add is fused
/// where the hardware has FMA and separate otherwise; either way it is one fixed rule per machine.
/// </summary>
internal readonly struct GemmKernel128<T> : IMicroKernel<T> where T : unmanaged
{
    private static int W => Vector128<T>.Count;

    public static int Mr => 4;

    public static int Nr => 2 * Vector128<T>.Count;

    public static bool IsSupported => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, T* a, T* b, T* c, nint ldc, bool overwrite)
    {
        Vector128<T> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector128<T> c20 = default, c21 = default, c30 = default, c31 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector128.Load(b);
            var b1 = Vector128.Load(b + W);
            var ar = Vector128.Create(a[0]);
            c00 = Fma(ar, b0, c00); c01 = Fma(ar, b1, c01);
            ar = Vector128.Create(a[1]);
            c10 = Fma(ar, b0, c10); c11 = Fma(ar, b1, c11);
            ar = Vector128.Create(a[2]);
            c20 = Fma(ar, b0, c20); c21 = Fma(ar, b1, c21);
            ar = Vector128.Create(a[3]);
            c30 = Fma(ar, b0, c30); c31 = Fma(ar, b1, c31);
            a += 4;
            b += 2 * W;
        }
        Store(c, c00, c01, overwrite); c += ldc;
        Store(c, c10, c11, overwrite); c += ldc;
        Store(c, c20, c21, overwrite); c += ldc;
        Store(c, c30, c31, overwrite);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store(T* c, Vector128<T> s0, Vector128<T> s1, bool overwrite)
    {
        if (!overwrite)
        {
            s0 += Vector128.Load(c);
            s1 += Vector128.Load(c + W);
        }
        s0.Store(c);
        s1.Store(c + W);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> Fma(Vector128<T> x, Vector128<T> y, Vector128<T> acc)
    {
        if (typeof(T) == typeof(float))
            return Vector128.MultiplyAddEstimate(x.As<T, float>(), y.As<T, float>(), acc.As<T, float>()).As<float, T>();
        return Vector128.MultiplyAddEstimate(x.As<T, double>(), y.As<T, double>(), acc.As<T, double>()).As<double, T>();
    }
}
