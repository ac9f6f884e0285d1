using System.Runtime.InteropServices;

namespace GradientService.Web.Charts;

/// <summary>
/// The data of one line-chart update: every series' x and y values packed as float64 into one byte array (handed to
/// JS as a binary Uint8Array, not JSON), plus its lengths and marks.
/// </summary>
public sealed record LinePayload(byte[] Bytes, LinePayloadMeta Meta)
{
    public static LinePayload Of(IReadOnlyList<(double[] X, double[] Y)> series, IReadOnlyList<ChartMark>? marks = null)
    {
        var total = series.Sum(s => s.X.Length * 2);
        var values = new double[total];
        var at = 0;
        foreach (var (x, y) in series)
        {
            if (x.Length != y.Length) throw new ArgumentException("Each series needs as many x as y values.", nameof(series));
            x.CopyTo(values, at);
            y.CopyTo(values, at + x.Length);
            at += 2 * x.Length;
        }
        return new LinePayload(MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), new LinePayloadMeta([.. series.Select(s => s.X.Length)], marks ?? []));
    }
}

public sealed record LinePayloadMeta(int[] Lengths, IReadOnlyList<ChartMark> Marks);
