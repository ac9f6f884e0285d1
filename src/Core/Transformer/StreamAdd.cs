using System.Numerics.Tensors;
using GradientService.Core.Tensors;

namespace GradientService.Core.Transformer;

/// <summary>
/// A residual add on the [B·T, E] stream, d = a + b, cut into shares on every thread, with a probe's sums taken granule
/// by granule while the rows are still in L1: forward, Σb and Σb² (the sublayer output's moments); backward, Σd², Σa²
/// and Σb² (the stream gradient and its two parts). One float64 sum per granule of rows, added in granule order
/// (<see cref="GranuleSums"/>), so the totals do not depend on the cut; the add is element-wise, the same however cut.
/// </summary>
internal sealed class StreamAdd<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double[] _first, _second, _third;
    private readonly Action<int, MatrixProduct<T>> _part;
    private MatrixView<T> _a, _b, _d;
    private Sums _sums;
    private int _shares;

    public StreamAdd(int capacityRows)
    {
        var granules = GranuleSums.Count(capacityRows);
        (_first, _second, _third) = (new double[granules], new double[granules], new double[granules]);
        _part = Part;
    }

    /// <summary>Which sums a pass takes.</summary>
    public enum Sums
    {
        None,

        /// <summary>Σb, Σb² (<see cref="Total"/> 0 and 1).</summary>
        Moments,

        /// <summary>Σd² and Σb² (<see cref="Total"/> 0 and 2).</summary>
        Squares,

        /// <summary>Σd², Σa², Σb² (<see cref="Total"/> 0, 1 and 2).</summary>
        AllSquares,
    }

    /// <summary>d = a + b on every thread, taking <paramref name="sums"/>.</summary>
    public void Run(MatrixProduct<T> mm, MatrixView<T> a, MatrixView<T> b, MatrixView<T> d, Sums sums)
    {
        (_a, _b, _d, _sums) = (a, b, d, sums);
        _shares = BatchRows.Shares(a.Rows, mm.Threads);
        mm.ForEachPart(_shares, _part);
        _a = _b = _d = default;
    }

    /// <summary>Sum <paramref name="which"/> of the last run over all its rows, granules added in order.</summary>
    public double Total(int which, int rows)
    {
        var sums = which switch { 0 => _first, 1 => _second, _ => _third };
        return GranuleSums.Total(sums.AsSpan(0, GranuleSums.Count(rows)));
    }

    private void Part(int share, MatrixProduct<T> mm)
    {
        var r = BatchRows.Share(_a.Rows, share, _shares);
        for (var start = 0; start < r.Count; start += BatchRows.Granule)
        {
            var (first, count) = (r.Start + start, Math.Min(BatchRows.Granule, r.Count - start));
            var a = _a.RowSlice(first, count).Span;
            var b = _b.RowSlice(first, count).Span;
            var d = _d.RowSlice(first, count).Span;
            TensorPrimitives.Add(a, b, d);
            var granule = first / BatchRows.Granule;
            switch (_sums)
            {
                case Sums.Moments:
                    (_first[granule], _second[granule]) = Reductions.Moments<T>(b);
                    break;
                case Sums.Squares or Sums.AllSquares:
                    _first[granule] = Reductions.SumOfSquares<T>(d);
                    if (_sums == Sums.AllSquares) _second[granule] = Reductions.SumOfSquares<T>(a);
                    _third[granule] = Reductions.SumOfSquares<T>(b);
                    break;
            }
        }
    }
}
