namespace GradientService.Core.Theory;

/// <summary>
/// The moments of one unit's φ(h) and φ′(h), h ~ N(b, v), that the scatter of a width-N layer's means depends on,
/// tabulated on a grid of v (<see cref="StepsPerOctave"/> points per factor 2) as the simulation asks for them and read
/// by log-log interpolation, so a power law in v (every relu-like φ) is exact between grid points.
/// </summary>
internal sealed class UnitMoments(ScalarActivation phi, double b)
{
    public const int StepsPerOctave = 16;

    private readonly Dictionary<int, Moments> _grid = [];

    /// <summary>E[φ²], E[φ⁴], E[φ′²], E[φ′⁴] and E[φ²φ′²].</summary>
    public readonly record struct Moments(double Value2, double Value4, double Slope2, double Slope4, double Cross)
    {
        public static Moments Lerp(Moments a, Moments b, double t) => new(
            Log(a.Value2, b.Value2, t), Log(a.Value4, b.Value4, t), Log(a.Slope2, b.Slope2, t), Log(a.Slope4, b.Slope4, t), Log(a.Cross, b.Cross, t));

        private static double Log(double a, double b, double t) =>
            a > 0 && b > 0 ? Math.Exp((1 - t) * Math.Log(a) + t * Math.Log(b)) : (1 - t) * a + t * b;
    }

    public Moments At(double v)
    {
        if (!(v > 1e-280)) return Exact(0);
        var position = Math.Log2(v) * StepsPerOctave;
        var below = (int)Math.Floor(position);
        return Moments.Lerp(Grid(below), Grid(below + 1), position - below);
    }

    private Moments Grid(int index)
    {
        if (!_grid.TryGetValue(index, out var moments)) _grid[index] = moments = Exact(Math.Pow(2, (double)index / StepsPerOctave));
        return moments;
    }

    private Moments Exact(double v)
    {
        var s = Math.Sqrt(v);
        var split = phi.KinkedAtZero && s > 0 ? -b / s : 0;
        double E(Func<double, double, double> f) => s > 0
            ? GaussianQuadrature.Expect(z => { var x = b + s * z; return f(phi.Value(x), phi.Slope(x)); }, split)
            : f(phi.Value(b), phi.Slope(b));
        return new Moments(E((y, _) => y * y), E((y, _) => y * y * y * y), E((_, d) => d * d), E((_, d) => d * d * d * d), E((y, d) => y * y * d * d));
    }
}
