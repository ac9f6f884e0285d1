using GradientService.Core.Training.Methods;

namespace GradientService.Core.Tests.Training;

public class PopulationRankingTests
{
    [Fact]
    public void Sort_NaNAndTies_PutsNaNLastAndTiesByIndex()
    {
        var ranking = new PopulationRanking(5);

        ranking.Sort([0.5, double.NaN, 0.2, 0.5, double.PositiveInfinity]);

        Assert.Equal([2, 0, 3, 1, 4], ranking.Order);
        Assert.Equal([1, 3, 0, 2, 4], ranking.Rank);
        Assert.Equal(2, ranking.Best);
    }

    [Fact]
    public void MeanFinite_SkipsNonFiniteLosses()
    {
        Assert.Equal(0.3, PopulationRanking.MeanFinite([0.2, double.NaN, 0.4, double.PositiveInfinity]), 12);
        Assert.True(double.IsNaN(PopulationRanking.MeanFinite([double.NaN])));
    }
}
