namespace GradientService.Api.Telemetry;

/// <summary>Operational counters and gauges, exposed in Prometheus' text format at /metrics.</summary>
public sealed class ServiceMetrics(TimeProvider clock)
{
    private readonly Lock _lock = new();
    private long _stepsRecorded, _batches;
    private double _stepsPerSecond, _lastBatchMs;
    private int _recorderLag;
    private long _lastTimestamp = clock.GetTimestamp();
    private long _windowSteps;

    public long StepsRecorded => Interlocked.Read(ref _stepsRecorded);

    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Items waiting for the recorder after its last commit (the recorder's lag).</summary>
    public int RecorderLag => Volatile.Read(ref _recorderLag);

    public double LastBatchMilliseconds { get { lock (_lock) return _lastBatchMs; } }

    /// <summary>Steps recorded per second, over windows of at least one second.</summary>
    public double StepsPerSecond
    {
        get
        {
            lock (_lock)
            {
                // A stale window (nothing recorded lately) reads as zero.
                return clock.GetElapsedTime(_lastTimestamp) > TimeSpan.FromSeconds(5) ? 0 : _stepsPerSecond;
            }
        }
    }

    public void BatchCommitted(int steps, TimeSpan elapsed, int lag)
    {
        Interlocked.Add(ref _stepsRecorded, steps);
        Interlocked.Increment(ref _batches);
        Volatile.Write(ref _recorderLag, lag);
        lock (_lock)
        {
            _lastBatchMs = elapsed.TotalMilliseconds;
            _windowSteps += steps;
            var window = clock.GetElapsedTime(_lastTimestamp);
            if (window < TimeSpan.FromSeconds(1)) return;
            _stepsPerSecond = _windowSteps / window.TotalSeconds;
            _windowSteps = 0;
            _lastTimestamp = clock.GetTimestamp();
        }
    }
}
