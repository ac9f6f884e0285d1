using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradientService.Core.Layers;

/// <summary>
/// Four entries of a float or double span as float64 lanes, and back (rounded to nearest, as a scalar conversion is):
/// lets the normalisation layers keep their statistics in float64 and still run vectorised.
/// </summary>
internal static class DoubleLanes
{
    public const int Count = 4;

    public static Vector256<double> Load<T>(ReadOnlySpan<T> s, int j) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) return Vector256.Create(MemoryMarshal.Cast<T, double>(s).Slice(j, Count));
        var f = Vector128.Create(MemoryMarshal.Cast<T, float>(s).Slice(j, Count));
        return Vector256.Create(Vector128.WidenLower(f), Vector128.WidenUpper(f));
    }

    public static void Store<T>(Vector256<double> v, Span<T> s, int j) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) v.CopyTo(MemoryMarshal.Cast<T, double>(s).Slice(j, Count));
        else Vector128.Narrow(v.GetLower(), v.GetUpper()).CopyTo(MemoryMarshal.Cast<T, float>(s).Slice(j, Count));
    }

    /// <summary>Where the vector loop stops; the scalar tail runs from here.</summary>
    public static int End(int length) => length - length % Count;
}
