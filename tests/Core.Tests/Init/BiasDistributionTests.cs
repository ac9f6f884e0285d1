using GradientService.Contracts.Spec;
using GradientService.Core.Init;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Init;

/// <summary>The biases' draw: mean init.bias, variance init.biasVariance, shape init.biasDistribution.</summary>
public class BiasDistributionTests
{
    private const int Draws = 200_000;

    [Theory]
    [InlineData(BiasDistribution.Normal)]
    [InlineData(BiasDistribution.Uniform)]
    public void FillBias_EitherShape_HasTheSpecsMeanAndVariance(BiasDistribution shape)
    {
        var b = new double[Draws];

        WeightInit.FillBias<double>(b, new InitSpec { Bias = 0.5, BiasVariance = 0.25, BiasDistribution = shape }, new Rng(1));

        var mean = b.Average();
        var variance = b.Sum(x => (x - mean) * (x - mean)) / (Draws - 1);
        Assert.Equal(0.5, mean, 0.005);
        Assert.Equal(0.25, variance, 0.005);
    }

    [Fact]
    public void FillBias_Uniform_StaysWithinBiasPlusMinusRootThreeVariance()
    {
        var b = new double[Draws];

        WeightInit.FillBias<double>(b, new InitSpec { Bias = 1, BiasVariance = 1.0 / 3, BiasDistribution = BiasDistribution.Uniform }, new Rng(2));

        // U(a, b) with a = 0, b = 2: bias = 1, σ_b² = (b − a)²/12 = 1/3.
        Assert.InRange(b.Min(), 0, 0.001);
        Assert.InRange(b.Max(), 1.999, 2);
    }

    [Fact]
    public void FillBias_ZeroVariance_IsTheConstantWhateverTheShape()
    {
        var b = new double[4];

        WeightInit.FillBias<double>(b, new InitSpec { Bias = 0.3, BiasDistribution = BiasDistribution.Uniform }, new Rng(3));

        Assert.All(b, x => Assert.Equal(0.3, x));
    }

    [Fact]
    public void Validate_UndefinedBiasDistribution_NamesTheField() =>
        Assert.Contains(SpecValidator.Validate(new RunSpec { Init = new InitSpec { BiasDistribution = (BiasDistribution)7 } }),
            e => e.Field == "init.biasDistribution");
}
