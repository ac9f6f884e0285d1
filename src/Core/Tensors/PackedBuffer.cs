using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GradientService.Core.Tensors;

/// <summary>
/// A pinned, 64-byte-aligned scratch array that only grows: the packing storage of one thread. Pinned
/// (on the pinned object heap) so its address stays valid across calls without a <c>fixed</c> scope.
/// </summary>
internal sealed unsafe class PackedBuffer<T> where T : unmanaged
{
    private const int Alignment = 64;
    private T[] _storage = [];

    public T* Pointer { get; private set; }

    public int Capacity { get; private set; }

    /// <summary>Makes room for <paramref name="length"/> elements; reallocates only when it grows.</summary>
    public T* Ensure(int length)
    {
        if (length <= Capacity) return Pointer;
        _storage = GC.AllocateArray<T>(length + Alignment / sizeof(T), pinned: true);
        var start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_storage));
        Pointer = (T*)((start + Alignment - 1) & ~(nint)(Alignment - 1));
        Capacity = length;
        return Pointer;
    }
}
