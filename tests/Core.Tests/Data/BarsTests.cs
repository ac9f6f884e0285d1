using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using static GradientService.Core.Tests.Data.DataSpecs;

namespace GradientService.Core.Tests.Data;

public class BarsTests
{
    private static DataSpec Bars(int size, double noise = 0, int samples = 400) =>
        new() { Kind = DatasetKind.Bars, ImageSize = size, Noise = noise, Samples = samples };

    /// <summary>Lit pixels (value 1) of image <paramref name="i"/> as (row, column), asserting every other pixel is 0.</summary>
    private static List<(int R, int C)> Lit(double[] x, int i, int size)
    {
        var lit = new List<(int, int)>();
        for (var p = 0; p < size * size; p++)
        {
            var v = x[i * size * size + p];
            if (v == 1) lit.Add((p / size, p % size));
            else if (v != 0) Assert.Fail($"pixel {p} of image {i} is {v}");
        }
        return lit;
    }

    private static int Span(IEnumerable<int> values) => values.Max() - values.Min() + 1;

    [Theory]
    [InlineData(8, 4, 1)]
    [InlineData(16, 8, 1)]
    [InlineData(33, 16, 2)]
    [InlineData(64, 32, 4)]
    public void Create_BarsWithoutNoise_EachImageHoldsOneBarOfItsOrientation(int size, int length, int thickness)
    {
        var (n, x, labels, _) = All(Create(Bars(size)));

        for (var i = 0; i < n; i++)
        {
            var lit = Lit(x, i, size);
            Assert.Equal(length * thickness, lit.Count);
            // Rows, columns, r − c and r + c: the bar runs along one and is `thickness` wide across the other.
            var (rows, cols, down, up) = (Span(lit.Select(p => p.R)), Span(lit.Select(p => p.C)),
                Span(lit.Select(p => p.R - p.C)), Span(lit.Select(p => p.R + p.C)));
            var (along, across) = labels[i] switch
            {
                0 => (cols, rows),
                1 => (rows, cols),
                2 => (rows, down),
                _ => (rows, up),
            };
            Assert.Equal((length, thickness), (along, across));
        }
        Assert.Equal([100, 100, 100, 100], ClassCounts(labels, 4));
    }

    [Fact]
    public void Create_Bars_FeatureRowIsRowMajorSoAHorizontalBarIsContiguous()
    {
        var d = Create(Bars(16));
        var x = d.Train.Features;

        var i = Array.IndexOf(d.Train.Labels, 0);
        var first = Array.IndexOf(x, 1.0, i * 256);
        Assert.Equal(Enumerable.Repeat(1.0, 8), x.Skip(first).Take(8));
        Assert.Equal(8, x.Skip(i * 256).Take(256).Count(v => v == 1));
    }

    [Fact]
    public void Create_Bars_PlacesTheBarAnywhereItFits()
    {
        var (n, x, labels, _) = All(Create(Bars(16, samples: 2000)));

        // A vertical bar (8 × 1) fits with its top in 0…8 and its column in 0…15; 500 draws reach both ends of each.
        var corners = Enumerable.Range(0, n).Where(i => labels[i] == 1)
            .Select(i => Lit(x, i, 16)).Select(lit => (Top: lit.Min(p => p.R), Left: lit.Min(p => p.C))).ToList();
        Assert.Equal((0, 8), (corners.Min(c => c.Top), corners.Max(c => c.Top)));
        Assert.Equal((0, 15), (corners.Min(c => c.Left), corners.Max(c => c.Left)));
    }

    [Fact]
    public void Create_BarsWithNoise_AddsGaussianNoiseOfTheGivenStdAroundTheSameBars()
    {
        var clean = All(Create(Bars(16))).Features;
        var noisy = All(Create(Bars(16, noise: 0.5))).Features;

        var residual = noisy.Zip(clean, (a, b) => a - b).ToArray();
        var mean = residual.Average();
        var std = Math.Sqrt(residual.Average(r => (r - mean) * (r - mean)));
        // 102,400 draws: the mean's standard error is 0.0016 and the std's 0.0011.
        Assert.InRange(mean, -0.008, 0.008);
        Assert.InRange(std, 0.495, 0.505);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(65)]
    [InlineData(0)]
    public void Validate_ImageSizeOutOfRange_NamesImageSize(int size) =>
        Assert.Equal("data.imageSize", Assert.Single(Errors(Bars(size))).Field);

    [Fact]
    public void Validate_ManyProblems_NamesEveryField()
    {
        var errors = Errors(new DataSpec { Kind = DatasetKind.Bars, ImageSize = 100, Samples = 3, Noise = double.NaN });

        Assert.Equal(["data.imageSize", "data.noise", "data.samples"], errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Validate_TooManyPixelsInMemory_NamesSamples()
    {
        var e = Assert.Single(Errors(Bars(64, samples: 10_000)));

        Assert.Equal("data.samples", e.Field);
        Assert.Contains("10000 examples × 4096 values", e.Message);
    }

    [Fact]
    public void Shape_Bars_IsAOneChannelImageOfTheGivenSizeWithFourClasses()
    {
        var shape = DatasetFactory.Shape(Bars(24));

        Assert.Equal(new ImageShape(1, 24, 24), shape.Image);
        Assert.Equal((576, 4, true), (shape.InputSize, shape.OutputSize, shape.IsClassification));
    }
}
