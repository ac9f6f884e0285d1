namespace GradientService.Core.Detection;

/// <summary>
/// The exact median of the last <c>window</c> values pushed: a ring of the values in arrival order beside the same values
/// sorted. A push is one binary search and one shift of at most the window (a few hundred bytes moved); nothing allocates.
/// </summary>
public sealed class RunningMedian(int window)
{
    private readonly double[] _ring = new double[window];
    private readonly double[] _sorted = new double[window];
    private int _next;

    public int Count { get; private set; }

    /// <summary>The median of the values held (NaN when none).</summary>
    public double Median => Count == 0 ? double.NaN
        : Count % 2 == 1 ? _sorted[Count / 2] : 0.5 * (_sorted[Count / 2 - 1] + _sorted[Count / 2]);

    /// <summary>Adds a finite <paramref name="value"/>, dropping the oldest once the window is full.</summary>
    public void Push(double value)
    {
        if (Count == _ring.Length)
        {
            var old = Array.BinarySearch(_sorted, 0, Count, _ring[_next]);
            Array.Copy(_sorted, old + 1, _sorted, old, Count - old - 1);
            Count--;
        }
        var at = Array.BinarySearch(_sorted, 0, Count, value);
        if (at < 0) at = ~at;
        Array.Copy(_sorted, at, _sorted, at + 1, Count - at);
        _sorted[at] = value;
        Count++;
        _ring[_next] = value;
        _next = (_next + 1) % _ring.Length;
    }
}
