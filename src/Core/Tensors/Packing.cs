using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GradientService.Core.Tensors;

/// <summary>
/// Copies an operand block into micro-panels: panel q holds, for each step p, the <c>width</c> values
/// X(q·width + r, p), r &lt; width, contiguously (zero past the last row), which is the order the
/// micro-kernels read. X(r, p) is <c>src[r·rs + p·ps]</c>, so one routine packs A and B in any transpose.
/// </summary>
internal static unsafe class Packing<T> where T : unmanaged
{
    /// <summary>Packs rows [0, rows) × steps [0, kc) into ⌈rows/width⌉ panels of width·kc values at dst.</summary>
    public static void Block(T* src, nint rs, nint ps, int rows, int width, int kc, T* dst)
    {
        if (rs == 1 && ps != 1)
        {
            ByStep(src, ps, rows, width, kc, dst);
            return;
        }
        for (var r0 = 0; r0 < rows; r0 += width)
        {
            Panel(src + r0 * rs, rs, ps, Math.Min(width, rows - r0), width, kc, dst);
            dst += width * kc;
        }
    }

    private static void Panel(T* src, nint rs, nint ps, int rows, int width, int kc, T* dst)
    {
        if (ps == 1) Transpose(src, rs, rows, width, kc, dst);
        else Gather(src, rs, ps, rows, width, kc, dst);
    }

    /// <summary>
    /// Each step's values are already contiguous: step by step, its run of <paramref name="rows"/> values is cut into the
    /// panels (the last one zero-padded). Reading each step's run whole, in address order, lets the hardware prefetch it;
    /// panel by panel, each step's read was one or two cache lines a row apart (a 1024-wide weight: 4 KiB), which missed.
    /// </summary>
    private static void ByStep(T* src, nint ps, int rows, int width, int kc, T* dst)
    {
        var full = rows / width;
        var rest = rows - full * width;
        var panel = (nint)width * kc;
        var bytes = width * sizeof(T);
        var vectors = Vector512.IsHardwareAccelerated && bytes % 64 == 0;
        for (var p = 0; p < kc; p++)
        {
            var s = src + p * ps;
            var d = dst + p * width;
            for (var q = 0; q < full; q++, s += width, d += panel)
            {
                if (vectors)
                    for (var o = 0; o < bytes; o += 64) Vector512.Load((byte*)s + o).Store((byte*)d + o);
                else Unsafe.CopyBlockUnaligned(d, s, (uint)bytes);
            }
            if (rest == 0) continue;
            Unsafe.CopyBlockUnaligned(d, s, (uint)(rest * sizeof(T)));
            new Span<T>(d + rest, width - rest).Clear();
        }
    }

    /// <summary>Each row's steps are contiguous: write row r down column r of the panel, in square blocks.</summary>
    private static void Transpose(T* src, nint rs, int rows, int width, int kc, T* dst)
    {
        var b = typeof(T) == typeof(float) ? 8 : 4; // block side: one 256-bit vector
        var done = 0;
        if (BlockTranspose.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(double)))
        {
            var fullSteps = kc / b * b;
            for (; done + b <= rows; done += b)
            {
                for (var p = 0; p < fullSteps; p += b)
                {
                    if (typeof(T) == typeof(float)) BlockTranspose.Float8x8((float*)(src + done * rs + p), rs, (float*)(dst + p * width + done), width);
                    else BlockTranspose.Double4x4((double*)(src + done * rs + p), rs, (double*)(dst + p * width + done), width);
                }
                for (var r = done; r < done + b; r++)
                    for (var p = fullSteps; p < kc; p++) dst[p * width + r] = src[r * rs + p];
            }
        }
        for (var r = done; r < rows; r++)
        {
            var s = src + r * rs;
            var d = dst + r;
            for (var p = 0; p < kc; p++) d[p * width] = s[p];
        }
        ZeroPad(rows, width, kc, dst);
    }

    private static void Gather(T* src, nint rs, nint ps, int rows, int width, int kc, T* dst)
    {
        for (var p = 0; p < kc; p++)
            for (var r = 0; r < rows; r++)
                dst[p * width + r] = src[r * rs + p * ps];
        ZeroPad(rows, width, kc, dst);
    }

    private static void ZeroPad(int rows, int width, int kc, T* dst)
    {
        if (rows == width) return;
        for (var p = 0; p < kc; p++)
            new Span<T>(dst + p * width + rows, width - rows).Clear();
    }
}
