using System.Runtime.CompilerServices;

namespace GradientService.Core.Tensors;

/// <summary>
/// The blocked loop nest around a micro-kernel for one rectangle of C (Goto's algorithm: k-slice → pack
/// B block → pack A block → micro-tiles). A rectangle's work reads shared A and B and writes only its own
/// part of C, so rectangles run on different threads without locks. A rectangle of few rows and several column
/// blocks (<see cref="GemmBlocking.AWholeBytes"/>) packs each k-slice of its A once for all of them; each element of C
/// still adds its k-slices in the same order, so the result is bitwise the same.
/// </summary>
internal static unsafe class GemmDriver<T> where T : unmanaged
{
    /// <summary>C rows [i0, i1) × columns [j0, j1), using <paramref name="packA"/> and <paramref name="packB"/> as scratch.</summary>
    public static void Run<TKernel>(in GemmOperands<T> op, int i0, int i1, int j0, int j1, PackedBuffer<T> packA, PackedBuffer<T> packB)
        where TKernel : IMicroKernel<T>
    {
        int mr = TKernel.Mr, nr = TKernel.Nr, k = op.K;
        var (kc, mc, nc) = Blocks(i1 - i0, j1 - j0, k, mr, nr);
        var ap = Reserve(i1 - i0, j1 - j0, k, mr, nr, packA, packB);
        var bp = packB.Pointer;
        var tile = bp + nc * kc;
        // Strides of op(A)(i, p) and of op(B)(p, j) seen as rows j (the vector dimension) by steps p.
        var (ars, aps) = op.TransA ? ((nint)1, op.Lda) : (op.Lda, (nint)1);
        if (!PacksAOnce(i1 - i0, j1 - j0, kc, nc, mr))
        {
            for (var jc = j0; jc < j1; jc += nc)
                for (var pc = 0; pc < k; pc += kc)
                {
                    var kcb = Math.Min(kc, k - pc);
                    PackB(op, jc, Math.Min(nc, j1 - jc), pc, kcb, nr, bp);
                    for (var ic = i0; ic < i1; ic += mc)
                    {
                        Packing<T>.Block(op.A + ic * ars + pc * aps, ars, aps, Math.Min(mc, i1 - ic), mr, kcb, ap);
                        Block<TKernel>(op, ic, Math.Min(mc, i1 - ic), jc, Math.Min(nc, j1 - jc), pc, kcb, ap, bp, tile);
                    }
                }
            return;
        }
        for (var pc = 0; pc < k; pc += kc)
        {
            var kcb = Math.Min(kc, k - pc);
            Packing<T>.Block(op.A + i0 * ars + pc * aps, ars, aps, i1 - i0, mr, kcb, ap);
            for (var jc = j0; jc < j1; jc += nc)
            {
                PackB(op, jc, Math.Min(nc, j1 - jc), pc, kcb, nr, bp);
                for (var ic = i0; ic < i1; ic += mc)
                    Block<TKernel>(op, ic, Math.Min(mc, i1 - ic), jc, Math.Min(nc, j1 - jc), pc, kcb, ap + (ic - i0) * kcb, bp, tile);
            }
        }
    }

    /// <summary>Whether a rectangle packs each k-slice of its A once: more than one column block, and its rows' slice fits <see cref="GemmBlocking.AWholeBytes"/>.</summary>
    private static bool PacksAOnce(int rows, int cols, int kc, int nc, int mr) =>
        cols > nc && (long)RoundUp(rows, mr) * kc * sizeof(T) <= GemmBlocking.AWholeBytes;

    /// <summary>Packs op(B)'s columns [jc, jc + ncb) × steps [pc, pc + kcb) into <paramref name="bp"/> (nothing for a pre-packed B).</summary>
    private static void PackB(in GemmOperands<T> op, int jc, int ncb, int pc, int kcb, int nr, T* bp)
    {
        if (op.PackedB is not null) return;
        var (brs, bps) = op.TransB ? (op.Ldb, (nint)1) : ((nint)1, op.Ldb);
        Packing<T>.Block(op.B + jc * brs + pc * bps, brs, bps, ncb, nr, kcb, bp);
    }

    /// <summary>C rows [ic, ic + mcb) × columns [jc, jc + ncb) from the packed A block <paramref name="ap"/> and B block (packed or pre-packed).</summary>
    private static void Block<TKernel>(in GemmOperands<T> op, int ic, int mcb, int jc, int ncb, int pc, int kcb, T* ap, T* bp, T* tile)
        where TKernel : IMicroKernel<T>
    {
        var nr = TKernel.Nr;
        // A pre-packed B holds whole-k panels: this block's panel q starts pc steps into panel jc/nr + q.
        var packed = op.PackedB is not null;
        var b = packed ? op.PackedB + (nint)jc * op.K + (nint)pc * nr : bp;
        var panelStride = (nint)nr * (packed ? op.K : kcb);
        MacroTile<TKernel>(kcb, ap, mcb, b, panelStride, ncb, op.C + ic * op.Ldc + jc, op.Ldc, pc == 0 && !op.Accumulate, tile);
    }

    /// <summary>
    /// Grows the packing buffers to what a rectangle of up to <paramref name="rows"/> × <paramref name="cols"/>
    /// needs; the caller reserves for the whole product up front so no worker allocates mid-call.
    /// </summary>
    public static T* Reserve(int rows, int cols, int k, int mr, int nr, PackedBuffer<T> packA, PackedBuffer<T> packB)
    {
        var (kc, mc, nc) = Blocks(rows, cols, k, mr, nr);
        packB.Ensure(nc * kc + mr * nr); // B block, then one micro-tile for edge tiles
        // Any rectangle of this product may pack its A slice once (up to AWholeBytes) only if the product has several column blocks.
        return packA.Ensure(cols > nc ? Math.Max(mc * kc, GemmBlocking.AWholeBytes / sizeof(T)) : mc * kc);
    }

    private static (int Kc, int Mc, int Nc) Blocks(int rows, int cols, int k, int mr, int nr)
    {
        var kc = GemmBlocking.Kc(k);
        return (kc, Math.Min(GemmBlocking.Mc(kc, mr, sizeof(T)), RoundUp(rows, mr)), Math.Min(GemmBlocking.Nc(kc, nr, sizeof(T)), RoundUp(cols, nr)));
    }

    /// <summary>
    /// All micro-tiles of one packed A block × packed B block (B's micro-panels <paramref name="panelStride"/> apart);
    /// edge tiles go through <paramref name="tile"/>.
    /// </summary>
    private static void MacroTile<TKernel>(int kc, T* ap, int mc, T* bp, nint panelStride, int nc, T* c, nint ldc, bool overwrite, T* tile)
        where TKernel : IMicroKernel<T>
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        // Rows outer: the A micro-panel (mr·kc, 8 KiB) stays in L1 while the B block streams from L2.
        for (var ir = 0; ir < mc; ir += mr)
        {
            var a = ap + ir * kc;
            var rows = Math.Min(mr, mc - ir);
            for (var jr = 0; jr < nc; jr += nr)
            {
                var b = bp + jr / nr * panelStride;
                var cols = Math.Min(nr, nc - jr);
                var ct = c + ir * ldc + jr;
                if (rows == mr && cols == nr)
                {
                    TKernel.Run(kc, a, b, ct, ldc, overwrite);
                }
                else
                {
                    TKernel.Run(kc, a, b, tile, nr, overwrite: true);
                    MergeTile(tile, nr, rows, cols, ct, ldc, overwrite);
                }
            }
        }
    }

    /// <summary>C = tile (or C + tile): the same one rounding per element as the kernel's own store.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MergeTile(T* tile, int nr, int rows, int cols, T* c, nint ldc, bool overwrite)
    {
        for (var i = 0; i < rows; i++)
        {
            var src = new ReadOnlySpan<T>(tile + i * nr, cols);
            var dst = new Span<T>(c + i * ldc, cols);
            if (overwrite) src.CopyTo(dst);
            else Add(src, dst);
        }
    }

    private static void Add(ReadOnlySpan<T> src, Span<T> dst)
    {
        if (typeof(T) == typeof(float))
        {
            var s = System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(src);
            var d = System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(dst);
            for (var j = 0; j < s.Length; j++) d[j] += s[j];
        }
        else
        {
            var s = System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(src);
            var d = System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(dst);
            for (var j = 0; j < s.Length; j++) d[j] += s[j];
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;
}
