namespace GradientService.Contracts.Wire;

/// <summary>A point of a series. <see cref="NonFinite"/> is true when its bucket held a NaN or ±∞ (the value may be one).</summary>
public sealed record SeriesPoint(int Step, double Value, bool? NonFinite = null);

/// <summary>One named series.</summary>
public sealed record SeriesData(string Field, IReadOnlyList<SeriesPoint> Points);

/// <summary>
/// Series over steps [<see cref="From"/>, <see cref="To"/>]. When <see cref="Downsampled"/>, each series went through
/// <see cref="Method"/> ("min-max": the smallest and largest value of each bucket at their own steps; "lttb":
/// largest-triangle-three-buckets), so spikes keep their exact value and step.
/// <c>Layer</c>: the layer of a layer series; null for the scalar step series.
/// <c>RawPoints</c>: recorded steps in the range before downsampling.
/// </summary>
public sealed record SeriesResponse(Guid RunId, int? Layer, int From, int To, int RawPoints, bool Downsampled, string Method, IReadOnlyList<SeriesData> Series);
