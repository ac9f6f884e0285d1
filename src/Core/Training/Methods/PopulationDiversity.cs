namespace GradientService.Core.Training.Methods;

/// <summary>
/// The population's spread: the root-mean-square distance of its weight vectors from their mean, per weight,
/// √((1/(N·P)) Σ_i Σ_j (w_ij − w̄_j)²), summed in float64 in a fixed order (the same on any thread count).
/// </summary>
internal sealed class PopulationDiversity<T>(int length) where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double[] _mean = new double[length];

    /// <summary>Of <paramref name="members"/> rows of <paramref name="rows"/> (row-major [members, length]), times <paramref name="scale"/>.</summary>
    public double Of(ReadOnlySpan<T> rows, int members, double scale = 1)
    {
        var length = _mean.Length;
        Array.Clear(_mean);
        for (var i = 0; i < members; i++)
        {
            var row = rows.Slice(i * length, length);
            for (var j = 0; j < length; j++) _mean[j] += double.CreateTruncating(row[j]);
        }
        for (var j = 0; j < length; j++) _mean[j] /= members;
        var sum = 0.0;
        for (var i = 0; i < members; i++)
        {
            var row = rows.Slice(i * length, length);
            for (var j = 0; j < length; j++)
            {
                var d = double.CreateTruncating(row[j]) - _mean[j];
                sum += d * d;
            }
        }
        return scale * Math.Sqrt(sum / ((double)members * length));
    }
}
