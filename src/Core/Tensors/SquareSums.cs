namespace GradientService.Core.Tensors;

/// <summary>
/// Σx² of a few whole tensors at once (a probe's norms), one tensor per part on the run's threads: each sum is
/// <see cref="Reductions.SumOfSquares{T}"/> over its whole tensor on one thread, so the values are bitwise those of the
/// sums taken one after another. <see cref="Add"/> the tensors, <see cref="Run"/>, then read each <see cref="Norm"/>.
/// </summary>
internal sealed class SquareSums<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Tensors a run takes at most.</summary>
    public const int Capacity = 4;

    private readonly MatrixProduct<T> _mm;
    private readonly MatrixView<T>[] _tensors = new MatrixView<T>[Capacity];
    private readonly double[] _sums = new double[Capacity];
    private readonly Action<int, MatrixProduct<T>> _part;
    private int _count;

    public SquareSums(MatrixProduct<T> mm)
    {
        _mm = mm;
        _part = (i, _) => _sums[i] = Reductions.SumOfSquares<T>(_tensors[i].Span);
    }

    /// <summary>Queues <paramref name="tensor"/>; returns its index for <see cref="Norm"/>.</summary>
    public int Add(MatrixView<T> tensor)
    {
        _tensors[_count] = tensor;
        return _count++;
    }

    /// <summary>Sums the queued tensors, on every thread at once, and empties the queue.</summary>
    public void Run()
    {
        if (_count > 0) _mm.ForEachPart(_count, _part);
        _count = 0;
    }

    /// <summary>√Σx² of the tensor queued as <paramref name="index"/> in the last run.</summary>
    public double Norm(int index) => Math.Sqrt(_sums[index]);
}
