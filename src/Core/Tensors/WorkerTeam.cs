using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace GradientService.Core.Tensors;

/// <summary>
/// <see cref="Size"/> − 1 background threads that, with the calling thread, run one job at a time:
/// <see cref="Run"/> calls job(0) on the caller and job(1 … Size − 1) on the workers and returns when all
/// are done. Allocation-free per call (the job is a delegate the owner caches). Between jobs a worker spins
/// for <see cref="IdleSpin"/> before it sleeps, so back-to-back products hand off in well under a
/// microsecond while an idle team costs no CPU. Spinning yields the core now and then, so a thread that
/// shares the core (another run, or the caller on an oversubscribed machine) still gets to run.
/// </summary>
internal sealed class WorkerTeam : IDisposable
{
    /// <summary>
    /// How long an idle worker spins for the next job: long enough to bridge the element-wise work between
    /// two products of a training step. Waking a sleeping thread costs 50–500 µs on a virtual machine whose
    /// idle core has halted, more than a small product takes.
    /// </summary>
    private static readonly long IdleSpin = Stopwatch.Frequency / 2_000;

    /// <summary>
    /// How long the caller spins for the workers to finish their parts before it sleeps: they are busy with
    /// the same product, so this is bounded by one part's run time unless the machine is oversubscribed.
    /// </summary>
    private static readonly long DoneSpin = Stopwatch.Frequency / 100;

    /// <summary>Spins between two yields of the core.</summary>
    private const int SpinsPerYield = 64;

    private readonly Thread[] _threads;
    private readonly object _gate = new();
    private readonly object _doneGate = new();
    private Action<int>? _job;
    private int _generation;
    private int _pending;
    private bool _stopping;
    private Exception? _failure;

    public WorkerTeam(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        Size = size;
        _threads = new Thread[size - 1];
        for (var w = 0; w < _threads.Length; w++)
        {
            var index = w + 1;
            _threads[w] = new Thread(() => Work(index)) { IsBackground = true, Name = $"MatrixProduct worker {index}" };
            _threads[w].Start();
        }
    }

    /// <summary>Threads taking part in a job, the caller included.</summary>
    public int Size { get; }

    public void Run(Action<int> job)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _stopping), this);
        _job = job;
        Volatile.Write(ref _pending, _threads.Length);
        lock (_gate)
        {
            _generation++;
            Monitor.PulseAll(_gate);
        }
        try
        {
            job(0);
        }
        finally
        {
            WaitForWorkers();
        }
        var failure = Interlocked.Exchange(ref _failure, null);
        if (failure is not null) ExceptionDispatchInfo.Throw(failure);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping) return;
            _stopping = true;
            _generation++;
            Monitor.PulseAll(_gate);
        }
        foreach (var thread in _threads) thread.Join();
    }

    private void Work(int index)
    {
        var seen = 0;
        while (true)
        {
            seen = WaitForJob(seen);
            if (Volatile.Read(ref _stopping)) return;
            try
            {
                _job!(index); // Set before _generation moved on (under _gate), so not null here.
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
            if (Interlocked.Decrement(ref _pending) == 0)
                lock (_doneGate) Monitor.PulseAll(_doneGate);
        }
    }

    private int WaitForJob(int seen)
    {
        var start = Stopwatch.GetTimestamp();
        for (var spins = 1; Volatile.Read(ref _generation) == seen; spins++)
        {
            if (Stopwatch.GetTimestamp() - start < IdleSpin)
            {
                Pause(spins);
                continue;
            }
            lock (_gate)
                while (_generation == seen) Monitor.Wait(_gate);
        }
        return Volatile.Read(ref _generation);
    }

    private void WaitForWorkers()
    {
        var start = Stopwatch.GetTimestamp();
        for (var spins = 1; Volatile.Read(ref _pending) != 0; spins++)
        {
            if (Stopwatch.GetTimestamp() - start < DoneSpin)
            {
                Pause(spins);
                continue;
            }
            lock (_doneGate)
                while (Volatile.Read(ref _pending) != 0) Monitor.Wait(_doneGate);
        }
    }

    private static void Pause(int spins)
    {
        if (spins % SpinsPerYield == 0) Thread.Yield();
        else Thread.SpinWait(4);
    }
}
