namespace GradientService.Core.Tensors;

/// <summary>
/// Cache blocking (Goto and van de Geijn, "Anatomy of high-performance matrix multiplication", 2008): a
/// k-slice of at most <see cref="KcMax"/> steps; a packed B block of about <see cref="BBlockBytes"/> that
/// stays in L2 while each A micro-panel (8 × kc) stays in L1 and meets every B micro-panel in turn; A
/// packed in blocks of about <see cref="ABlockBytes"/>. Sized for Zen 4 (32 KiB L1d, 1 MiB L2 per core)
/// and measured there (per CPU-second, single thread, 64³ … 1024³: within ±5% of each other for k-slices
/// of 192–512 and B blocks of 384 KiB–1 MiB). The k-slicing depends on k alone, never on the thread
/// count, so each element of C is summed in the same order whatever the partition.
/// </summary>
internal static class GemmBlocking
{
    public const int KcMax = 256;
    public const int ABlockBytes = 128 * 1024;
    public const int BBlockBytes = 512 * 1024;

    /// <summary>
    /// Up to this size a rectangle's A k-slice is packed once for all its column blocks instead of once per block: a
    /// batch of 256 rows at kc = 256 in float32. It then streams from L2/L3 beside the B block, one 8 KiB micro-panel at a
    /// time, as each A block did.
    /// </summary>
    public const int AWholeBytes = 256 * 1024;

    /// <summary>Steps per k-slice: k split into equal slices of at most <see cref="KcMax"/>.</summary>
    public static int Kc(int k)
    {
        var slices = (k + KcMax - 1) / KcMax;
        return (k + slices - 1) / slices;
    }

    /// <summary>Rows of op(A) per packed block, a multiple of <paramref name="mr"/>.</summary>
    public static int Mc(int kc, int mr, int elementBytes) => Math.Max(1, ABlockBytes / (kc * elementBytes * mr)) * mr;

    /// <summary>Columns of op(B) per packed block, a multiple of <paramref name="nr"/>.</summary>
    public static int Nc(int kc, int nr, int elementBytes) => Math.Max(1, BBlockBytes / (kc * elementBytes * nr)) * nr;
}
