using GradientService.Contracts.Spec;
using GradientService.Core.Init;
using GradientService.Core.Theory;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Theory;

public class SpecTheoryTests
{
    /// <summary>σ_w² = fan_in · E[W²] of the weights <see cref="WeightInit"/> actually draws (mean zero for every scheme here).</summary>
    [Theory]
    [InlineData(InitScheme.Standard)]
    [InlineData(InitScheme.XavierUniform)]
    [InlineData(InitScheme.XavierNormal)]
    [InlineData(InitScheme.HeUniform)]
    [InlineData(InitScheme.HeNormal)]
    [InlineData(InitScheme.LecunNormal)]
    [InlineData(InitScheme.Kumar)]
    [InlineData(InitScheme.Normal)]
    [InlineData(InitScheme.Orthogonal)]
    public void WeightVariance_EachRandomScheme_EqualsFanInTimesDrawnSecondMoment(InitScheme scheme)
    {
        const int fanOut = 192, fanIn = 256;
        var init = new InitSpec { Scheme = scheme, Std = 0.05, Gain = 1.3 };
        var w = new double[fanOut * fanIn];
        WeightInit.Fill<double>(w, fanOut, fanIn, scheme, init, new Rng(7));

        var drawn = fanIn * w.Average(x => x * x);

        Assert.Equal(SpecTheory.WeightVariance(init, scheme, fanIn, fanOut), drawn, 0.03 * drawn);
    }

    [Fact]
    public void For_ResidualBatchNorm_SaysWhyTheProfileDoesNotApply()
    {
        var spec = new RunSpec { Model = new ResidualMlpSpec { Depth = 8, Width = 64, Normalization = Normalization.BatchNorm } };

        var (_, caveats) = SpecTheory.For(spec, inputSize: 64, inputSecondMoment: 1);

        Assert.Equal(["residual", "batch-norm"], caveats.Select(c => c.Code));
    }
}
