using System.Runtime.Intrinsics;

namespace GradientService.Core.Optimizers;

/// <summary>
/// One optimizer's per-element update, stated once over the lanes of a vector: each lane is one element of a parameter,
/// updated independently with the same IEEE operations a scalar loop would do. <see cref="UpdateKernel{T}"/> runs it.
/// </summary>
internal interface IUpdateRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>W after the update, from W and its gradient g; the parameter's state lanes (unused ones are 0) are updated in place.</summary>
    Vector256<T> Apply(Vector256<T> w, Vector256<T> g, ref Vector256<T> first, ref Vector256<T> second);
}
