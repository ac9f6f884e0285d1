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

    /// <summary>
    /// A product cut by columns over several tiles packs all of op(A) once, shared by its tiles, when op(A) packed takes
    /// between <see cref="ASharedMinBytes"/> and this (instead of every tile packing all of it): each thread packs a share
    /// of the rows, then the tiles run. Below the minimum the extra hand-off to the threads costs about what it saves; above
    /// the maximum (a core's L2) the tiles read the shared packing from L3: at 4 MiB, 1024³ products ran 15–20 % slower in
    /// every transpose pair (`gemm`, quiet host, 2026-12-06), while 1024×256×1024 (δᵀx of the D8 W1024 step, 1 MiB) gained.
    /// </summary>
    public const int ASharedMaxBytes = 1024 * 1024;

    /// <summary>
    /// At 256 KiB (256³, and δᵀx of the D20 W512 step) the shared packing measured slower in three of four alternations
    /// with the base (`gemm`, quiet host, 2026-12-06: 256³ 250–275 against 340–386 GFLOP/s): the hand-off's barrier costs
    /// about what a tile's own packing of A does.
    /// </summary>
    public const int ASharedMinBytes = 512 * 1024;

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
