using GradientService.Contracts.Labs;
using GradientService.Core.Labs.Doya;

namespace GradientService.Core.Tests.Labs;

/// <summary>The one-neuron network's fixed points against the closed form b = ln(x/(1 − x)) − w·x and its folds.</summary>
public class FixedPointsTests
{
    // w = 6: the folds sit at x = (1 ± √(1/3))/2, so the bistable range is b ∈ (−3.41509…, −2.58490…), symmetric about −w/2.
    private static readonly double LowFoldX = (1 - Math.Sqrt(1.0 / 3)) / 2;
    private static readonly double HighFoldX = (1 + Math.Sqrt(1.0 / 3)) / 2;
    private static readonly double BistableFrom = ClosedFormBias(6, HighFoldX);
    private static readonly double BistableTo = ClosedFormBias(6, LowFoldX);

    private static double ClosedFormBias(double w, double x) => Math.Log(x / (1 - x)) - w * x;

    [Theory]
    [InlineData(0.0)]
    [InlineData(2.0)]
    [InlineData(4.5)]
    [InlineData(6.0)]
    [InlineData(12.0)]
    public void At_AcrossBiases_EveryPointSatisfiesClosedFormTo1e9(double w)
    {
        for (var b = -10.0; b <= 2.0; b += 0.01)
            foreach (var point in FixedPoints.At(w, b))
            {
                Assert.Equal(b, ClosedFormBias(w, point.X), 1e-9);
                Assert.Equal(w * point.X * (1 - point.X), point.Slope, 1e-12);
            }
    }

    [Fact]
    public void SaddleNodes_W6_AtTheFoldsOfTheClosedForm()
    {
        var saddles = FixedPoints.SaddleNodes(6);

        Assert.Equal(2, saddles.Count);
        Assert.Equal(LowFoldX, saddles[0].X, 1e-12);
        Assert.Equal(BistableTo, saddles[0].B, 1e-12);
        Assert.Equal(HighFoldX, saddles[1].X, 1e-12);
        Assert.Equal(BistableFrom, saddles[1].B, 1e-12);
        Assert.Equal(-3.4150, BistableFrom, 1e-4);
        Assert.Equal(-2.5849, BistableTo, 1e-4);
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(0.1)]
    [InlineData(0.415)]
    [InlineData(0.83)]
    public void At_W6InsideBistableRange_ThreePointsStableUnstableStable(double intoRange)
    {
        var points = FixedPoints.At(6, BistableFrom + intoRange);

        Assert.Equal([FixedPointBranch.Lower, FixedPointBranch.Middle, FixedPointBranch.Upper], points.Select(p => p.Branch));
        Assert.Equal([true, false, true], points.Select(p => p.Stable));
        Assert.True(points[0].X < LowFoldX && points[1].X > LowFoldX && points[1].X < HighFoldX && points[2].X > HighFoldX);
    }

    [Theory]
    [InlineData(true, 1e-6)]
    [InlineData(true, 2.0)]
    [InlineData(false, 1e-6)]
    [InlineData(false, 3.0)]
    public void At_W6OutsideBistableRange_OneStablePoint(bool below, double distance)
    {
        var point = Assert.Single(FixedPoints.At(6, below ? BistableFrom - distance : BistableTo + distance));

        Assert.Equal(below ? FixedPointBranch.Lower : FixedPointBranch.Upper, point.Branch);
        Assert.True(point.Stable);
    }

    [Fact]
    public void At_W4_OneStablePointForEveryBias()
    {
        for (var b = -6.0; b <= 2.0; b += 0.05)
            Assert.Equal(FixedPointBranch.Single, Assert.Single(FixedPoints.At(4, b)).Branch);
    }

    [Fact]
    public void Build_W6_MiddleBranchSpansTheBistableRangeBetweenTheSaddleNodes()
    {
        var diagram = new BifurcationQuery(6, -6, 0, 121).Build();

        Assert.Equal([FixedPointBranch.Lower, FixedPointBranch.Middle, FixedPointBranch.Upper], diagram.Branches.Select(b => b.Branch));
        var middle = diagram.Branches[1];
        Assert.False(middle.Stable);
        Assert.Equal(BistableFrom, middle.B[0], 1e-12);
        Assert.Equal(BistableTo, middle.B[^1], 1e-12);
        Assert.Equal(HighFoldX, middle.X[0], 1e-12);
        Assert.Equal(BistableTo, diagram.Branches[0].B[^1], 1e-12); // the lower branch ends where it meets the middle one
        Assert.Equal(BistableFrom, diagram.BistableFrom!.Value, 1e-12);
        Assert.Equal(BistableTo, diagram.BistableTo!.Value, 1e-12);
    }

    [Fact]
    public void Validate_BadFields_NamesEach()
    {
        var errors = new BifurcationQuery(-1, 40, 3, 1).Validate();

        Assert.Equal(["bMax", "bMin", "points", "w"], errors.Select(e => e.Field).Order());
    }
}
