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
        for (var r0 = 0; r0 < rows; r0 += width)
        {
            Panel(src + r0 * rs, rs, ps, Math.Min(width, rows - r0), width, kc, dst);
            dst += width * kc;
        }
    }

    private static void Panel(T* src, nint rs, nint ps, int rows, int width, int kc, T* dst)
    {
        if (rs == 1 && rows == width) CopyRows(src, ps, width, kc, dst);
        else if (ps == 1) Transpose(src, rs, rows, width, kc, dst);
        else Gather(src, rs, ps, rows, width, kc, dst);
    }

    /// <summary>Each step's values are already contiguous: copy width values per step.</summary>
    private static void CopyRows(T* src, nint ps, int width, int kc, T* dst)
    {
        var bytes = width * sizeof(T);
        if (Vector256.IsHardwareAccelerated && bytes % 32 == 0)
        {
            for (var p = 0; p < kc; p++)
            {
                var s = (byte*)(src + p * ps);
                var d = (byte*)(dst + p * width);
                for (var o = 0; o < bytes; o += 32) Vector256.Load(s + o).Store(d + o);
            }
            return;
        }
        for (var p = 0; p < kc; p++)
            Unsafe.CopyBlockUnaligned(dst + p * width, src + p * ps, (uint)bytes);
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
