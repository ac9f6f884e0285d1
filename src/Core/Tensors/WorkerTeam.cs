using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace GradientService.Core.Tensors;

/// <summary>
/// <see cref="Size"/> − 1 background threads that, with the calling thread, work through one job at a time:
/// <see cref="Run"/> hands out parts 0 … parts − 1 to whichever thread asks first and returns when all
/// are done. A worker that starts late (its core busy elsewhere, or still waking) finds its parts taken by
/// the caller instead of holding the call up. Allocation-free per call (the job is a delegate the owner
/// caches). Between jobs a worker spins for <see cref="IdleSpin"/> before it sleeps, yielding the core
/// now and then so a thread that shares it still runs.
/// </summary>
internal sealed class WorkerTeam : IDisposable
{
    /// <summary>
    /// How long an idle worker spins for the next job: long enough to bridge the element-wise work between
    /// two products of a training step. Waking a sleeping thread costs 50–500 µs on a virtual machine whose
    /// idle core has halted, more than a small product takes.
    /// </summary>
    private static readonly long IdleSpin = Stopwatch.Frequency / 2_000;

    /// <summary>How long the caller spins for parts still running on workers before it sleeps.</summary>
    private static readonly long DoneSpin = Stopwatch.Frequency / 100;

    /// <summary>Spins between two yields of the core.</summary>
    private const int SpinsPerYield = 64;

    private readonly Thread[] _threads;
    private readonly long[] _allocatedBytes;
    private readonly long[] _partsRun;
    private readonly object _gate = new();
    private readonly object _doneGate = new();
    private Action<int, int>? _job;
    private int _generation;
    private bool _stopping;
    private Exception? _failure;

    /// <summary>The job's part count (high half) and the number of claims so far (low half), updated as one word.</summary>
    private long _ticket;
    private int _done;

    public WorkerTeam(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        Size = size;
        _threads = new Thread[size - 1];
        _allocatedBytes = new long[size - 1];
        _partsRun = new long[size - 1];
        for (var w = 0; w < _threads.Length; w++)
        {
            var index = w + 1;
            _threads[w] = new Thread(() => Work(index)) { IsBackground = true, Name = $"MatrixProduct worker {index}" };
            _threads[w].Start();
        }
    }

    /// <summary>Threads taking part in a job, the caller (thread 0) included.</summary>
    public int Size { get; }

    /// <summary>Bytes the workers have allocated so far, as of their last finished part (a test hook).</summary>
    public long WorkerAllocatedBytes
    {
        get
        {
            var sum = 0L;
            for (var w = 0; w < _allocatedBytes.Length; w++) sum += Volatile.Read(ref _allocatedBytes[w]);
            return sum;
        }
    }

    /// <summary>Parts the workers have run so far (a test hook).</summary>
    public long WorkerParts
    {
        get
        {
            var sum = 0L;
            for (var w = 0; w < _partsRun.Length; w++) sum += Volatile.Read(ref _partsRun[w]);
            return sum;
        }
    }

    /// <summary>Calls job(part, thread) once for each part in [0, <paramref name="parts"/>), thread in [0, Size).</summary>
    public void Run(Action<int, int> job, int parts)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _stopping), this);
        // No claim of the previous job is still running (its parts are all done), so publishing the
        // job before the ticket means every claim on the new ticket sees this job.
        _job = job;
        Volatile.Write(ref _done, 0);
        Interlocked.Exchange(ref _ticket, (long)parts << 32);
        lock (_gate)
        {
            _generation++;
            Monitor.PulseAll(_gate);
        }
        try
        {
            RunParts(0);
        }
        finally
        {
            WaitForParts(parts);
            _job = null; // Between jobs the team holds nothing of its owner, so an undisposed owner can be finalized.
        }
        var failure = Interlocked.Exchange(ref _failure, null);
        if (failure is not null) ExceptionDispatchInfo.Throw(failure);
    }

    /// <summary>Stops the workers and waits for them to exit.</summary>
    public void Dispose()
    {
        Stop();
        foreach (var thread in _threads) thread.Join();
    }

    /// <summary>Tells the workers to exit without waiting (for a finalizer, which must not block).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_stopping) return;
            _stopping = true;
            _generation++;
            Monitor.PulseAll(_gate);
        }
    }

    private void RunParts(int thread)
    {
        while (true)
        {
            var ticket = Interlocked.Increment(ref _ticket);
            var part = (int)(ticket & uint.MaxValue) - 1;
            if (part >= (int)(ticket >> 32)) return;
            try
            {
                _job!(part, thread); // Published before the ticket this claim came from.
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
            finally
            {
                if (thread > 0)
                {
                    Volatile.Write(ref _allocatedBytes[thread - 1], GC.GetAllocatedBytesForCurrentThread());
                    Volatile.Write(ref _partsRun[thread - 1], _partsRun[thread - 1] + 1);
                }
                Interlocked.Increment(ref _done);
            }
        }
    }

    private void Work(int index)
    {
        var seen = 0;
        while (true)
        {
            seen = WaitForJob(seen);
            if (Volatile.Read(ref _stopping)) return;
            RunParts(index);
            if (Volatile.Read(ref _done) == (int)(Volatile.Read(ref _ticket) >> 32))
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

    private void WaitForParts(int parts)
    {
        var start = Stopwatch.GetTimestamp();
        for (var spins = 1; Volatile.Read(ref _done) != parts; spins++)
        {
            if (Stopwatch.GetTimestamp() - start < DoneSpin)
            {
                Pause(spins);
                continue;
            }
            lock (_doneGate)
                while (Volatile.Read(ref _done) != parts) Monitor.Wait(_doneGate, 1);
        }
    }

    private static void Pause(int spins)
    {
        if (spins % SpinsPerYield == 0) Thread.Yield();
        else Thread.SpinWait(4);
    }
}
