namespace GradientService.Contracts.Wire;

/// <summary>
/// The MessagePack answer of the steps endpoint (<see cref="PackedWire"/>): <see cref="SeriesResponse"/> with each
/// series in columns instead of a map per point.
/// </summary>
public sealed record PackedSeries(Guid RunId, int? Layer, int From, int To, int RawPoints, bool Downsampled, string Method, IReadOnlyList<PackedSeriesData> Series)
{
    public static PackedSeries Of(SeriesResponse response) => new(response.RunId, response.Layer, response.From, response.To, response.RawPoints,
        response.Downsampled, response.Method, [.. response.Series.Select(PackedSeriesData.Of)]);
}

/// <summary>
/// One series' points in step order: <c>Steps</c> int32 and <c>Values</c> float64 (<see cref="LittleEndian"/>), and
/// <c>NonFinite</c> one byte per point, 1 where its bucket held a NaN or ±∞ (<see cref="SeriesPoint.NonFinite"/>).
/// </summary>
public sealed record PackedSeriesData(string Field, byte[] Steps, byte[] Values, byte[] NonFinite)
{
    public static PackedSeriesData Of(SeriesData series) => new(series.Field,
        LittleEndian.Bytes([.. series.Points.Select(p => p.Step)]),
        LittleEndian.Bytes([.. series.Points.Select(p => p.Value)]),
        [.. series.Points.Select(p => p.NonFinite == true ? (byte)1 : (byte)0)]);

    /// <summary>The steps of the points.</summary>
    public int[] StepArray() => LittleEndian.Ints(Steps);

    /// <summary>The values of the points, exact.</summary>
    public double[] ValueArray() => LittleEndian.Doubles(Values);
}
