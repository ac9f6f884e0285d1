using System.Runtime.CompilerServices;

namespace GradientService.Core.Tensors;

/// <summary>
/// The engine's one seam for matrix products: <c>C = op(A)·op(B)</c> (or <c>C += …</c>), row-major, where
/// op(X) is X or Xᵀ. One instance per run; it owns the run's thread budget and packing buffers. Results
/// are bitwise independent of the thread count (each element's sum over k runs in one fixed order).
/// Not safe for concurrent calls. With more than one thread it owns worker threads: its owner disposes it.
/// </summary>
public sealed unsafe class MatrixProduct<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Below this many flops (2mnk) a product runs on the calling thread alone: a hand-off to a worker
    /// costs about as much as the work it would take over.
    /// </summary>
    internal const long ParallelMinFlops = 2L * 48 * 48 * 48;

    private readonly GemmKernelKind _kernel;
    private readonly PackedBuffer<T>[] _packA;
    private readonly PackedBuffer<T>[] _packB;
    private readonly Action<int, int> _runTile;
    private readonly Action<int, int> _runPart;
    private readonly MatrixProduct<T>[] _lanes;
    private Action<int, MatrixProduct<T>>? _partBody;
    private WorkerTeam? _team;
    private GemmOperands<T> _operands;
    private GemmPartition _partition;
    private bool _disposed;

    public MatrixProduct(int threads = 1) : this(threads, BestKernel()) { }

    internal MatrixProduct(int threads, GemmKernelKind kernel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
            throw new NotSupportedException($"MatrixProduct runs on float and double, not {typeof(T).Name}.");
        Threads = threads;
        _kernel = kernel;
        _packA = new PackedBuffer<T>[threads];
        _packB = new PackedBuffer<T>[threads];
        for (var t = 0; t < threads; t++) (_packA[t], _packB[t]) = (new(), new());
        _runTile = RunTile;
        _runPart = RunPart;
        _lanes = threads == 1 ? [this] : [.. Enumerable.Range(0, threads).Select(_ => new MatrixProduct<T>(1, kernel))];
        // A lane runs on whichever thread claims its part, and may first meet a large product late: its packing
        // buffers are sized for the largest blocks now, so no worker ever allocates mid-run.
        if (threads > 1)
        {
            var (mr, nr) = TileShape(kernel);
            foreach (var lane in _lanes)
            {
                lane._packA[0].Ensure(Math.Max(GemmBlocking.ABlockBytes, GemmBlocking.AWholeBytes) / sizeof(T) + mr * GemmBlocking.KcMax);
                lane._packB[0].Ensure(GemmBlocking.BBlockBytes / sizeof(T) + nr * GemmBlocking.KcMax + mr * nr);
            }
        }
    }

    /// <summary>The single-threaded products <see cref="ForEachPart"/> hands its parts, one per thread (this one when single-threaded).</summary>
    internal IReadOnlyList<MatrixProduct<T>> Lanes => _lanes;

    /// <summary>How many cores the kernels may use (the worker's grant to this run).</summary>
    public int Threads { get; }

    /// <summary>
    /// C[m×n] = op(A)[m×k]·op(B)[k×n], or C += … when <paramref name="accumulate"/>. A is stored [m×k]
    /// (or [k×m] when <paramref name="transA"/>), B is stored [k×n] (or [n×k] when <paramref name="transB"/>).
    /// C must not overlap A or B.
    /// </summary>
    public void Multiply(MatrixView<T> a, bool transA, MatrixView<T> b, bool transB, MatrixView<T> c, bool accumulate = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var (kb, n) = transB ? (b.Cols, b.Rows) : (b.Rows, b.Cols);
        CheckStorage(b, nameof(b));
        fixed (T* pb = b.Data)
            Run(a, transA, pb + b.Offset, b.Cols, transB, null, kb, n, c, accumulate);
    }

    /// <summary>C = op(A)·B (or C += …) for a B packed by <see cref="Pack"/>: bitwise the same as with the plain B.</summary>
    internal void Multiply(MatrixView<T> a, bool transA, PackedMatrix<T> b, MatrixView<T> c, bool accumulate = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (b.Nr != TileShape(_kernel).Nr) throw new ArgumentException("The operand was packed for another micro-kernel.", nameof(b));
        Run(a, transA, null, 0, false, b.Pointer, b.K, b.N, c, accumulate);
    }

    /// <summary>Packs op(B) (B [k×n], or [n×k] when <paramref name="transB"/>) into <paramref name="packed"/>.</summary>
    internal void Pack(MatrixView<T> b, bool transB, PackedMatrix<T> packed)
    {
        CheckStorage(b, nameof(b));
        var (k, n) = transB ? (b.Cols, b.Rows) : (b.Rows, b.Cols);
        var nr = TileShape(_kernel).Nr;
        var dst = packed.Reset(k, n, nr);
        var (rs, ps) = transB ? ((nint)b.Cols, (nint)1) : ((nint)1, (nint)b.Cols);
        fixed (T* pb = b.Data)
            if (k > 0 && n > 0) Packing<T>.Block(pb + b.Offset, rs, ps, n, nr, k, dst);
    }

    /// <summary>
    /// Calls <paramref name="body"/>(part, lane) for each part in [0, <paramref name="parts"/>) on this product's threads;
    /// lane is a single-threaded product of the thread running the part (for products inside the part). Parts must write
    /// disjoint data. The caller caches <paramref name="body"/> (a new delegate per call would allocate).
    /// </summary>
    internal void ForEachPart(int parts, Action<int, MatrixProduct<T>> body)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Threads == 1 || parts == 1)
        {
            for (var p = 0; p < parts; p++) body(p, _lanes[0]);
            return;
        }
        _partBody = body;
        try
        {
            (_team ??= new WorkerTeam(Threads)).Run(_runPart, parts);
        }
        finally
        {
            _partBody = null;
        }
    }

    private void Run(MatrixView<T> a, bool transA, T* b, nint ldb, bool transB, T* packedB, int kb, int n, MatrixView<T> c, bool accumulate)
    {
        var (m, k) = transA ? (a.Cols, a.Rows) : (a.Rows, a.Cols);
        if (k != kb || c.Rows != m || c.Cols != n)
            throw new ArgumentException($"Shapes do not agree: op(A) {m}×{k}, op(B) {kb}×{n}, C {c.Rows}×{c.Cols}.");
        CheckStorage(a, nameof(a));
        CheckStorage(c, nameof(c));
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) c.Span.Clear();
            return;
        }
        fixed (T* pa = a.Data, pc = c.Data)
        {
            _operands = new GemmOperands<T>(pa + a.Offset, a.Cols, transA, b, ldb, transB, pc + c.Offset, c.Cols, m, n, k, accumulate, packedB);
            var (mr, nr) = TileShape(_kernel);
            _partition = GemmPartition.Choose(m, n, k, mr, nr, Threads, ParallelMinFlops);
            for (var t = 0; t < (_partition.Parts == 1 ? 1 : Threads); t++) GemmDriver<T>.Reserve(m, n, k, mr, nr, _packA[t], _packB[t]);
            try
            {
                if (_partition.Parts == 1) RunTile(0, 0);
                else (_team ??= new WorkerTeam(Threads)).Run(_runTile, _partition.Parts);
            }
            finally
            {
                _operands = default; // No pointer into an unpinned array outlives the fixed scope.
            }
        }
    }

    /// <summary>Bytes this instance's worker threads have allocated (a test hook; 0 before the first parallel call).</summary>
    internal long WorkerAllocatedBytes => _team?.WorkerAllocatedBytes ?? 0;

    /// <summary>Parts (product tiles and <see cref="ForEachPart"/> parts) this instance's worker threads have run (a test hook).</summary>
    internal long WorkerParts => _team?.WorkerParts ?? 0;

    public void Dispose()
    {
        _disposed = true;
        _team?.Dispose();
        foreach (var lane in _lanes)
            if (lane != this) lane.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A safety net for an owner that forgot <see cref="Dispose"/>: the worker threads still exit.</summary>
    ~MatrixProduct() => _team?.Stop();

    /// <summary>One rectangle of C on one thread, with that thread's packing buffers.</summary>
    /// <remarks>
    /// Never inlined: profile-guided optimisation would inline this delegate target into the worker team's claim loop,
    /// inside its try block, where the product's loops lose their registers; measured at 1024³ on 2 threads, 119–122
    /// GFLOP/s inlined against 265–270 with that inlining off.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RunTile(int tile, int thread)
    {
        var (i0, i1, j0, j1) = _partition.Rectangle(tile, _operands.M, _operands.N);
        var (packA, packB) = (_packA[thread], _packB[thread]);
        switch (_kernel)
        {
            case GemmKernelKind.Avx512: GemmDriver<T>.Run<GemmKernel512<T>>(_operands, i0, i1, j0, j1, packA, packB); break;
            case GemmKernelKind.Avx2: GemmDriver<T>.Run<GemmKernel256<T>>(_operands, i0, i1, j0, j1, packA, packB); break;
            default: GemmDriver<T>.Run<GemmKernel128<T>>(_operands, i0, i1, j0, j1, packA, packB); break;
        }
    }

    /// <summary>One part of <see cref="ForEachPart"/>; never inlined, as <see cref="RunTile"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RunPart(int part, int thread) => _partBody!(part, _lanes[thread]);

    private static void CheckStorage(MatrixView<T> x, string name)
    {
        if (x.Rows < 0 || x.Cols < 0 || x.Offset < 0 || (long)x.Offset + (long)x.Rows * x.Cols > (x.Data?.Length ?? 0))
            throw new ArgumentException($"View {x.Rows}×{x.Cols} at offset {x.Offset} does not fit its array of {x.Data?.Length ?? 0}.", name);
    }

    private static GemmKernelKind BestKernel() =>
        GemmKernel512<T>.IsSupported ? GemmKernelKind.Avx512
        : GemmKernel256<T>.IsSupported ? GemmKernelKind.Avx2
        : GemmKernelKind.Portable;

    private static (int Mr, int Nr) TileShape(GemmKernelKind kernel) => kernel switch
    {
        GemmKernelKind.Avx512 => (GemmKernel512<T>.Mr, GemmKernel512<T>.Nr),
        GemmKernelKind.Avx2 => (GemmKernel256<T>.Mr, GemmKernel256<T>.Nr),
        _ => (GemmKernel128<T>.Mr, GemmKernel128<T>.Nr),
    };
}
