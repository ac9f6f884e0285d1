namespace GradientService.Web.Live;

/// <summary>
/// A scalar series over steps in bounded memory. Up to <c>capacity</c> points it holds every step; past that it keeps,
/// for each bucket of steps, the smallest and the largest value at their own steps (min-max decimation, so a spike keeps
/// its exact value and step), and the bucket width doubles each time the buffer fills. Non-finite values are left out of
/// the min and max; a bucket with nothing finite keeps one NaN point.
/// </summary>
public sealed class SeriesBuffer
{
    private readonly double[] _steps;
    private readonly double[] _values;
    private int _count;
    private Bucket _pending;

    public SeriesBuffer(int capacity = 4096)
    {
        if (capacity < 8 || capacity % 4 != 0) throw new ArgumentOutOfRangeException(nameof(capacity), "Must be a multiple of 4, at least 8.");
        _steps = new double[capacity];
        _values = new double[capacity];
    }

    /// <summary>Recorded steps per bucket of the stored points (1 = every step is held as it was).</summary>
    public int BucketSize { get; private set; } = 1;

    /// <summary>Points stored, including the bucket still filling.</summary>
    public int Count => _count + _pending.Points;

    public double LastStep { get; private set; } = double.NaN;

    public double LastValue { get; private set; } = double.NaN;

    /// <summary>Adds the value of a step newer than every step held.</summary>
    public void Add(int step, double value)
    {
        LastStep = step;
        LastValue = value;
        if (BucketSize == 1)
        {
            if (_count == _steps.Length) Compact();
            else
            {
                Push(step, value);
                return;
            }
        }
        _pending.Add(step, value);
        if (_pending.Seen < BucketSize) return;
        if (_count + 2 > _steps.Length) Compact();
        _pending.Flush(this);
        _pending = default;
    }

    /// <summary>Copies the points (steps, values) into new arrays, the bucket still filling included.</summary>
    public (double[] Steps, double[] Values) Snapshot()
    {
        var steps = new double[Count];
        var values = new double[Count];
        Array.Copy(_steps, steps, _count);
        Array.Copy(_values, values, _count);
        _pending.CopyTo(steps, values, _count);
        return (steps, values);
    }

    private void Push(double step, double value)
    {
        _steps[_count] = step;
        _values[_count] = value;
        _count++;
    }

    /// <summary>Halves the points, keeping each group's extremes at their own steps; the bucket width doubles.</summary>
    private void Compact()
    {
        const int group = 4; // 4 single steps, or the (up to) 2 + 2 points of two buckets, become one bucket's min and max
        var write = 0;
        var full = _count / group * group;
        for (var read = 0; read < full; read += group)
        {
            var bucket = default(Bucket);
            for (var i = read; i < read + group; i++) bucket.Add(_steps[i], _values[i]);
            write = bucket.WriteTo(_steps, _values, write);
        }
        for (var i = full; i < _count; i++)
        {
            _steps[write] = _steps[i];
            _values[write] = _values[i];
            write++;
        }
        _count = write;
        BucketSize = BucketSize == 1 ? 4 : BucketSize * 2;
    }

    /// <summary>Min and max (finite) of a bucket at their own steps; NaN at the first step when nothing was finite.</summary>
    private struct Bucket
    {
        private double _minStep, _min, _maxStep, _max, _firstStep;
        private bool _any;

        public int Seen { get; private set; }

        public readonly int Points => Seen == 0 ? 0 : _any && _minStep != _maxStep ? 2 : 1;

        public void Add(double step, double value)
        {
            if (Seen++ == 0) _firstStep = step;
            if (!double.IsFinite(value)) return;
            if (!_any || value < _min) (_min, _minStep) = (value, step);
            if (!_any || value > _max) (_max, _maxStep) = (value, step);
            _any = true;
        }

        public readonly int WriteTo(double[] steps, double[] values, int at)
        {
            if (Seen == 0) return at;
            if (!_any)
            {
                (steps[at], values[at]) = (_firstStep, double.NaN);
                return at + 1;
            }
            if (_minStep == _maxStep)
            {
                (steps[at], values[at]) = (_minStep, _min);
                return at + 1;
            }
            var minFirst = _minStep < _maxStep;
            (steps[at], values[at]) = minFirst ? (_minStep, _min) : (_maxStep, _max);
            (steps[at + 1], values[at + 1]) = minFirst ? (_maxStep, _max) : (_minStep, _min);
            return at + 2;
        }

        public readonly void CopyTo(double[] steps, double[] values, int at) => WriteTo(steps, values, at);

        public readonly void Flush(SeriesBuffer owner) => owner._count = WriteTo(owner._steps, owner._values, owner._count);
    }
}
