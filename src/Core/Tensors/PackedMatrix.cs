namespace GradientService.Core.Tensors;

/// <summary>
/// An op(B) [k×n] packed once into the micro-kernel's panels (nr columns × all k steps, zero-padded), for a B that
/// meets many A's: a recurrent layer's W_hh is multiplied by every time step's state. Products against it skip
/// B's packing and give bitwise the same result as against the plain matrix. Read-only while products use it, so
/// several threads may share it. Filled by <see cref="MatrixProduct{T}.Pack"/>.
/// </summary>
internal sealed unsafe class PackedMatrix<T> where T : unmanaged
{
    private readonly PackedBuffer<T> _buffer = new();

    public int K { get; private set; }
    public int N { get; private set; }

    /// <summary>The micro-kernel width it was packed for.</summary>
    public int Nr { get; private set; }

    public T* Pointer => _buffer.Pointer;

    /// <summary>Sizes the storage for a [k×n] operand in panels of <paramref name="nr"/> (grows only).</summary>
    public T* Reset(int k, int n, int nr)
    {
        (K, N, Nr) = (k, n, nr);
        return _buffer.Ensure(Math.Max(1, (n + nr - 1) / nr * nr * k));
    }
}
