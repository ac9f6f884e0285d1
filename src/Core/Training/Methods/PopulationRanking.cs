namespace GradientService.Core.Training.Methods;

/// <summary>
/// A generation's members ordered best first by loss (a NaN loss counts as worst; equal losses by member index, so the
/// order is total and the same on every thread count), with each member's rank. Sorting allocates nothing.
/// </summary>
internal sealed class PopulationRanking
{
    private readonly Comparison<int> _byLoss;
    private double[] _losses = [];

    public PopulationRanking(int members)
    {
        (Order, Rank) = (new int[members], new int[members]);
        _byLoss = ByLoss;
    }

    /// <summary>Member indices, lowest loss first.</summary>
    public int[] Order { get; }

    /// <summary>Per member, its place in <see cref="Order"/> (0 = best).</summary>
    public int[] Rank { get; }

    public int Best => Order[0];

    public void Sort(double[] losses)
    {
        for (var i = 0; i < Order.Length; i++) Order[i] = i;
        _losses = losses;
        Order.AsSpan().Sort(_byLoss);
        for (var k = 0; k < Order.Length; k++) Rank[Order[k]] = k;
    }

    /// <summary>The mean of the finite losses (NaN when none is finite).</summary>
    public static double MeanFinite(ReadOnlySpan<double> losses)
    {
        var (sum, count) = (0.0, 0);
        foreach (var loss in losses)
            if (double.IsFinite(loss)) (sum, count) = (sum + loss, count + 1);
        return count > 0 ? sum / count : double.NaN;
    }

    private int ByLoss(int a, int b)
    {
        var (x, y) = (Key(_losses[a]), Key(_losses[b]));
        return x != y ? x.CompareTo(y) : a.CompareTo(b);
    }

    private static double Key(double loss) => double.IsNaN(loss) ? double.PositiveInfinity : loss;
}
