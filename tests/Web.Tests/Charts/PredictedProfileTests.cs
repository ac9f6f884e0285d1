using GradientService.Contracts.Wire;
using GradientService.Web.Charts;
using GradientService.Web.Tests.Infrastructure;

namespace GradientService.Web.Tests.Charts;

public sealed class PredictedProfileTests
{
    [Fact]
    public void Of_Anchor_ScalesEachLayerByTenToItsLogRatio()
    {
        var line = PredictedProfile.Of(Diagnoses.Theory(), 3.0);

        Assert.NotNull(line);
        Assert.Equal([1.0, 2.0], line.Value.Layers);
        Assert.Equal(0.3, line.Value.Norms[0], 1e-15);
        Assert.Equal(3.0, line.Value.Norms[1]);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Of_AnchorNotPositiveFinite_IsNull(double anchor) => Assert.Null(PredictedProfile.Of(Diagnoses.Theory(), anchor));

    [Theory]
    [InlineData("batch-norm", true)]
    [InlineData("small-width", false)]
    public void VoidedBy_Caveat_VoidsOnlyWhereTheProfileDoesNotApply(string code, bool voids)
    {
        var report = Diagnoses.Theory(new TheoryCaveat(code, "…", voids));

        Assert.Equal(voids, PredictedProfile.VoidedBy(report) is not null);
        Assert.Equal(voids, PredictedProfile.Of(report, 1.0) is null);
    }
}
