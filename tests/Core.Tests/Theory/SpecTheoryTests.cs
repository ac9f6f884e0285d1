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
    [InlineData(InitScheme.ScaledNormal)]
    public void WeightVariance_EachRandomScheme_EqualsFanInTimesDrawnSecondMoment(InitScheme scheme)
    {
        const int fanOut = 192, fanIn = 256;
        var init = new InitSpec { Scheme = scheme, Std = 0.05, Gain = 1.3, WeightVariance = 1.7 };
        var w = new double[fanOut * fanIn];
        WeightInit.Fill<double>(w, fanOut, fanIn, scheme, init, new Rng(7));

        var drawn = fanIn * w.Average(x => x * x);

        Assert.Equal(SpecTheory.WeightVariance(init, scheme, fanIn, fanOut), drawn, 0.03 * drawn);
    }

    /// <summary>σ_b² &gt; 0 draws every bias from N(bias, σ_b²): the drawn mean and variance are the ones asked for.</summary>
    [Fact]
    public void FillBias_PositiveBiasVariance_DrawsStatedMeanAndVariance()
    {
        var init = new InitSpec { Bias = 0.3, BiasVariance = 0.05 };
        var b = new double[20_000];
        WeightInit.FillBias<double>(b, init, new Rng(3));

        var mean = b.Average();
        var variance = b.Average(x => (x - mean) * (x - mean));

        Assert.Equal(0.3, mean, 0.01);
        Assert.Equal(0.05, variance, 0.05 * 0.03);
    }

    /// <summary>σ_b² = 0 (the default) sets the constant and draws nothing: the random stream after it is untouched.</summary>
    [Fact]
    public void FillBias_ZeroBiasVariance_FillsConstantWithoutDrawing()
    {
        var rng = new Rng(3);
        var b = new double[16];
        WeightInit.FillBias<double>(b, new InitSpec { Bias = 0.25 }, rng);

        Assert.All(b, x => Assert.Equal(0.25, x));
        Assert.Equal(new Rng(3).NextDouble(), rng.NextDouble());
    }

    [Fact]
    public void For_ScaledNormalWithBiasVariance_QueryCarriesBothVariances()
    {
        var spec = new RunSpec { Init = new InitSpec { Scheme = InitScheme.ScaledNormal, WeightVariance = 1.5, BiasVariance = 0.05 } };

        var (query, _) = SpecTheory.For(spec, inputSize: 2, inputSecondMoment: 1);

        Assert.Equal(1.5, query.WeightVariance);
        Assert.Equal(0.05, query.BiasVariance);
    }

    [Fact]
    public void For_ResidualBatchNorm_SaysWhyTheProfileDoesNotApply()
    {
        var spec = new RunSpec { Model = new ResidualMlpSpec { Depth = 8, Width = 64, Normalization = Normalization.BatchNorm } };

        var (_, caveats) = SpecTheory.For(spec, inputSize: 64, inputSecondMoment: 1);

        Assert.Equal(["residual", "batch-norm"], caveats.Select(c => c.Code));
        Assert.All(caveats, c => Assert.True(c.Voids));
    }

    [Theory]
    [InlineData(BiasDistribution.Uniform, 0.5, true)]
    [InlineData(BiasDistribution.Normal, 0.5, false)]
    [InlineData(BiasDistribution.Uniform, 0.0, false)]
    public void For_UniformBiasDraw_CaveatsTheGaussianExpectationsButKeepsSigmaB(BiasDistribution shape, double biasVariance, bool caveat)
    {
        var spec = new RunSpec { Model = new MlpSpec { Depth = 8, Width = 64 }, Init = new InitSpec { BiasVariance = biasVariance, BiasDistribution = shape } };

        var (query, caveats) = SpecTheory.For(spec, inputSize: 64, inputSecondMoment: 1);

        Assert.Equal(caveat, caveats.Any(c => c.Code == "uniform-bias"));
        Assert.Equal(biasVariance, query.BiasVariance);
    }
}
