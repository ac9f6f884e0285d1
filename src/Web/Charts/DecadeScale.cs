namespace GradientService.Web.Charts;

/// <summary>
/// Colour of a value on a log₁₀ scale spanning whole decades: indices 1 … 254 run from 10^<see cref="Lo"/> to
/// 10^<see cref="Hi"/>; 0 marks an empty cell and 255 a cell where NaN or ±∞ occurred (the palette is in charts.js).
/// Zero and negative values take the lowest colour (their exact value is in the tooltip).
/// </summary>
public readonly record struct DecadeScale(int Lo, int Hi)
{
    public const byte Empty = 0, Lowest = 1, Highest = 254, NonFinite = 255;

    /// <summary>The decades around the finite positive values; 10⁻¹ … 10⁰ when there are none.</summary>
    public static DecadeScale Around(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (!(v > 0) || double.IsInfinity(v)) continue;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        if (double.IsPositiveInfinity(min)) return new DecadeScale(-1, 0);
        var lo = (int)Math.Floor(Math.Log10(min));
        var hi = (int)Math.Ceiling(Math.Log10(max));
        return new DecadeScale(lo, Math.Max(hi, lo + 1));
    }

    public byte Index(double value)
    {
        if (double.IsNaN(value)) return Empty;
        if (double.IsInfinity(value)) return NonFinite;
        if (value <= 0) return Lowest;
        var t = (Math.Log10(value) - Lo) / (Hi - Lo);
        return (byte)Math.Clamp(Lowest + (int)Math.Round(t * (Highest - Lowest)), Lowest, Highest);
    }
}
