using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using static GradientService.Core.Tests.Data.DataSpecs;

namespace GradientService.Core.Tests.Data;

/// <summary>Moons, circles and two spirals: the points lie on their curves and the classes are balanced.</summary>
public class TwoDimensionalSetsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Create_Moons_NoiseZero_PointsLieOnArcs()
    {
        var (n, x, labels, _) = All(Create(new DataSpec { Kind = DatasetKind.Moons, Samples = 301, Noise = 0 }));

        for (var i = 0; i < n; i++)
        {
            var (px, py) = (x[2 * i], x[2 * i + 1]);
            // Outer arc: unit circle about (0, 0), upper half. Inner arc: unit circle about (1, 0.5), lower half.
            var (cx, cy, side) = labels[i] == 0 ? (0.0, 0.0, py) : (1.0, 0.5, 0.5 - py);
            Assert.Equal(1, Math.Sqrt((px - cx) * (px - cx) + (py - cy) * (py - cy)), Tolerance);
            Assert.True(side >= -Tolerance, $"point {i} ({px}, {py}) is on the wrong half of its arc");
        }
        Assert.Equal([150, 151], ClassCounts(labels, 2));
    }

    [Fact]
    public void Create_Moons_Noise_SpreadsPointsByNoiseStd()
    {
        var (n, x, labels, _) = All(Create(new DataSpec { Kind = DatasetKind.Moons, Samples = 20_000, Noise = 0.1 }));

        // Distance from the arc's circle is approximately the radial noise component, N(0, 0.1²).
        var radial = Enumerable.Range(0, n).Select(i =>
        {
            var (cx, cy) = labels[i] == 0 ? (0.0, 0.0) : (1.0, 0.5);
            return Math.Sqrt(Math.Pow(x[2 * i] - cx, 2) + Math.Pow(x[2 * i + 1] - cy, 2)) - 1;
        }).ToArray();
        var std = Math.Sqrt(radial.Average(r => r * r));
        Assert.InRange(std, 0.095, 0.105);
    }

    [Fact]
    public void Create_Circles_NoiseZero_RadiiAreOneAndFactor()
    {
        var (n, x, labels, _) = All(Create(new DataSpec { Kind = DatasetKind.Circles, Samples = 200, Noise = 0 }));

        for (var i = 0; i < n; i++)
            Assert.Equal(labels[i] == 0 ? 1 : 0.5, Math.Sqrt(x[2 * i] * x[2 * i] + x[2 * i + 1] * x[2 * i + 1]), Tolerance);
        Assert.Equal([100, 100], ClassCounts(labels, 2));
    }

    [Fact]
    public void Create_TwoSpirals_NoiseZero_PointsLieOnTheirSpiral()
    {
        var (n, x, labels, _) = All(Create(new DataSpec { Kind = DatasetKind.TwoSpirals, Samples = 194, Noise = 0 }));

        for (var i = 0; i < n; i++)
        {
            // Class 1 is class 0 mirrored through the origin; on class 0, radius r fixes the index i = 104(1 − r) and so
            // the angle φ = iπ/16 of the Lang & Witbrock spiral.
            var sign = labels[i] == 0 ? 1 : -1;
            var (px, py) = (sign * x[2 * i], sign * x[2 * i + 1]);
            var r = Math.Sqrt(px * px + py * py);
            var φ = 104 * (1 - r) * Math.PI / 16;
            Assert.Equal(r * Math.Sin(φ), px, 1e-9);
            Assert.Equal(r * Math.Cos(φ), py, 1e-9);
        }
        Assert.Equal([97, 97], ClassCounts(labels, 2));
    }

    [Fact]
    public void Create_TwoSpirals_NoiseZero_SpansThreeTurnsFromRadiusOne()
    {
        var (n, x, _, _) = All(Create(new DataSpec { Kind = DatasetKind.TwoSpirals, Samples = 194, Noise = 0 }));

        var radii = Enumerable.Range(0, n).Select(i => Math.Sqrt(x[2 * i] * x[2 * i] + x[2 * i + 1] * x[2 * i + 1])).ToArray();
        Assert.Equal(1, radii.Max(), Tolerance);
        Assert.Equal(8.0 / 104, radii.Min(), Tolerance);
    }
}
