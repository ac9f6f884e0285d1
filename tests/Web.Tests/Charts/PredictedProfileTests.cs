using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;
using GradientService.Web.Charts;
using GradientService.Web.Tests.Infrastructure;

namespace GradientService.Web.Tests.Charts;

public sealed class PredictedProfileTests
{
    [Fact]
    public void Of_Anchor_ScalesEachLayerByTenToItsExpectedLogRatio()
    {
        var delta = PredictedProfile.Of(Diagnoses.Theory(), LayerMetric.DeltaNorm, 3.0);
        var weight = PredictedProfile.Of(Diagnoses.Theory(), LayerMetric.WeightGradNorm, 3.0);

        Assert.NotNull(delta);
        Assert.Equal([1.0, 2.0], delta.Value.Layers);
        Assert.Equal(0.3, delta.Value.Norms[0], 1e-15);
        Assert.Equal(3.0, delta.Value.Norms[1]);
        Assert.Equal([6.0, 3.0], weight!.Value.Norms);
    }

    [Fact]
    public void Of_WeightGradientNotExpectedForThisNet_IsNullWhileDeltaStands()
    {
        var theory = Diagnoses.Theory();
        var report = theory with { Layers = [.. theory.Layers.Select(l => l with { ExpectedLog10WeightGradRatio = null })] };

        Assert.Null(PredictedProfile.Of(report, LayerMetric.WeightGradNorm, 3.0));
        Assert.NotNull(PredictedProfile.Of(report, LayerMetric.DeltaNorm, 3.0));
    }

    [Fact]
    public void Of_FieldWithoutPrediction_IsNull() => Assert.Null(PredictedProfile.Of(Diagnoses.Theory(), LayerMetric.BiasGradNorm, 3.0));

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Of_AnchorNotPositiveFinite_IsNull(double anchor) => Assert.Null(PredictedProfile.Of(Diagnoses.Theory(), LayerMetric.DeltaNorm, anchor));

    [Theory]
    [InlineData("batch-norm", true)]
    [InlineData("small-width", false)]
    public void VoidedBy_Caveat_VoidsOnlyWhereTheProfileDoesNotApply(string code, bool voids)
    {
        var report = Diagnoses.Theory(new TheoryCaveat(code, "…", voids));

        Assert.Equal(voids, PredictedProfile.VoidedBy(report) is not null);
        Assert.Equal(voids, PredictedProfile.Of(report, LayerMetric.DeltaNorm, 1.0) is null);
    }
}
