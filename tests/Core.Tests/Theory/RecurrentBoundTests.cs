using GradientService.Contracts.Spec;
using GradientService.Core.Theory;

namespace GradientService.Core.Tests.Theory;

public class RecurrentBoundTests
{
    [Theory]
    [InlineData(0.9)]
    [InlineData(1.0)]
    [InlineData(3.0)]
    [InlineData(0.0)]
    public void Profile_AnyFactor_IsTheLastNormTimesFactorToTheLag(double factor)
    {
        double[] norms = [0.5, 2, 1e-3, 7, 4, 0.25];
        var bound = RecurrentBound.Profile(norms, factor);

        Assert.Equal(norms.Length, bound.Length);
        for (var t = 0; t < norms.Length; t++)
        {
            var expected = norms[^1] * Math.Pow(factor, norms.Length - 1 - t);
            Assert.True(Math.Abs(bound[t] - expected) <= 1e-12 * Math.Max(expected, 1e-300), $"t = {t}: {bound[t]:R} vs {expected:R}");
        }
    }

    [Fact]
    public void Profile_Empty_IsEmpty() => Assert.Empty(RecurrentBound.Profile([], 2));

    [Theory]
    [InlineData(Architecture.Rnn, ActivationKind.Sigmoid, 0.25)]
    [InlineData(Architecture.Rnn, ActivationKind.Tanh, 1.0)]
    [InlineData(Architecture.Rnn, ActivationKind.Relu, 1.0)]
    [InlineData(Architecture.Lstm, ActivationKind.Tanh, 1.0)]
    [InlineData(Architecture.Gru, ActivationKind.Tanh, 1.0)]
    public void Gamma_CellActivation_IsItsMaximalSlope(Architecture architecture, ActivationKind activation, double gamma)
    {
        RecurrentSpec model = architecture switch
        {
            Architecture.Lstm => new LstmSpec(),
            Architecture.Gru => new GruSpec(),
            _ => new RnnSpec { Activation = activation },
        };
        Assert.Equal(gamma, RecurrentBound.Gamma(model));
    }

    [Theory]
    [InlineData(1.0, 0.9, "sufficient for the gradient to vanish")]
    [InlineData(1.0, 3.0, "necessary condition for exploding")]
    [InlineData(0.25, 3.0, "sufficient for the gradient to vanish")]
    [InlineData(0.25, 5.0, "necessary condition for exploding")]
    public void Condition_FactorAgainstOne_StatesPascanusCondition(double gamma, double sigmaMax, string expected) =>
        Assert.Contains(expected, RecurrentBound.Condition(gamma, sigmaMax));
}
