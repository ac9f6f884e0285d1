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
        var range = PositiveRange.Empty;
        range.Add(values);
        return Around(range);
    }

    /// <summary>The decades around a range of finite positive values; 10⁻¹ … 10⁰ when it is empty.</summary>
    public static DecadeScale Around(PositiveRange range)
    {
        if (range.IsEmpty) return new DecadeScale(-1, 0);
        var lo = (int)Math.Floor(Math.Log10(range.Min));
        var hi = (int)Math.Ceiling(Math.Log10(range.Max));
        return new DecadeScale(lo, Math.Max(hi, lo + 1));
    }

    /// <summary>Whether every value of <paramref name="range"/> falls inside these decades.</summary>
    public bool Covers(PositiveRange range) => range.IsEmpty || (range.Min >= Math.Pow(10, Lo) && range.Max <= Math.Pow(10, Hi));

    public byte Index(double value)
    {
        if (double.IsNaN(value)) return Empty;
        if (double.IsInfinity(value)) return NonFinite;
        if (value <= 0) return Lowest;
        var t = (Math.Log10(value) - Lo) / (Hi - Lo);
        return (byte)Math.Clamp(Lowest + (int)Math.Round(t * (Highest - Lowest)), Lowest, Highest);
    }
}

/// <summary>The smallest and largest finite positive values seen (zero, negative, NaN and ±∞ are left out).</summary>
public struct PositiveRange
{
    public static PositiveRange Empty => new() { Min = double.PositiveInfinity, Max = double.NegativeInfinity };

    public double Min { get; private set; }

    public double Max { get; private set; }

    public readonly bool IsEmpty => !(Min <= Max);

    public void Add(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (!(v > 0) || double.IsInfinity(v)) continue;
            if (v < Min) Min = v;
            if (v > Max) Max = v;
        }
    }
}
