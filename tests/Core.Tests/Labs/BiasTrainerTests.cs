using GradientService.Contracts.Labs;
using GradientService.Core.Labs.Doya;

namespace GradientService.Core.Tests.Labs;

/// <summary>Backpropagation through time of the one-neuron network and the gradient spike at the bifurcation (Doya 1992).</summary>
public class BiasTrainerTests
{
    [Theory]
    [InlineData(6.0, -4.0, 0.0, 1.0, 30)]
    [InlineData(6.0, -2.9, 0.5, 1.0, 30)]
    [InlineData(6.0, -3.2, 0.3, 0.1, 200)]
    [InlineData(2.0, 0.5, 0.9, 0.5, 12)]
    [InlineData(12.0, -6.5, 0.2, 1.0, 8)]
    public void BiasGradient_AnyNetwork_MatchesCentralFiniteDifferences(double w, double b, double x0, double dt, int steps)
    {
        const double target = 0.9;
        var analytic = OneNeuron.BiasGradient(w, b, dt, target, Trajectory(w, b, x0, dt, steps));

        const double h = 1e-6;
        var numeric = (Loss(w, b + h, x0, dt, steps, target) - Loss(w, b - h, x0, dt, steps, target)) / (2 * h);

        Assert.Equal(numeric, analytic, Math.Max(1e-7 * Math.Abs(numeric), 1e-12));
    }

    [Fact]
    public void Train_DoyaSetup_GradientPeaksWhereTheStateCrossesAndIsOrdersOfMagnitudeSmallerFarAway()
    {
        var trace = BiasTrainer.Train(new BiasTrainingRequest()); // w = 6, b₀ = −8, x(0) = 0, target 0.9, T = 30, η = 100

        var peak = trace.Iterations[trace.PeakIteration];
        Assert.True(peak.Crossed, $"peak at iteration {peak.Iteration}, b = {peak.B}, crossings at {string.Join(", ", trace.Crossings)}");
        Assert.Equal(FixedPointBranch.Lower, peak.Basin);
        var approaches = trace.Iterations.Where(i => i.ClosestApproach is not null).ToList();
        Assert.Equal(peak.Iteration, approaches.MinBy(i => i.ClosestApproach!.Value)!.Iteration);
        Assert.True(Math.Abs(peak.Gradient) > 1e3 * Math.Abs(trace.Iterations[0].Gradient),
            $"peak {peak.Gradient} vs first {trace.Iterations[0].Gradient}");
        Assert.True(Math.Abs(peak.Gradient) > 1e3 * Math.Abs(trace.Iterations[^1].Gradient),
            $"peak {peak.Gradient} vs last {trace.Iterations[^1].Gradient}");
        Assert.Null(trace.StoppedEarly);
    }

    [Fact]
    public void Train_BelowTheFoldThreshold_NeverCrosses()
    {
        var trace = BiasTrainer.Train(new BiasTrainingRequest(W: 3, B0: -4, LearningRate: 5, Iterations: 200));

        Assert.Empty(trace.Crossings);
        Assert.All(trace.Iterations, i => Assert.Equal(FixedPointBranch.Single, i.Basin));
        Assert.True(trace.Iterations[^1].Loss < 1e-3 * trace.Iterations[0].Loss, $"final loss {trace.Iterations[^1].Loss}");
    }

    [Fact]
    public void Train_WithClipping_StepNeverExceedsLearningRateTimesClip()
    {
        var trace = BiasTrainer.Train(new BiasTrainingRequest(Clip: 0.01));

        foreach (var (before, after) in trace.Iterations.Zip(trace.Iterations.Skip(1)))
            Assert.True(Math.Abs(after.B - before.B) <= 100 * 0.01 + 1e-12, $"iteration {after.Iteration}: Δb = {after.B - before.B}");
    }

    [Fact]
    public void Validate_BadFields_NamesEach()
    {
        var errors = BiasTrainer.Validate(new BiasTrainingRequest(-1, 99, 1.5, -0.1, 0, 0, double.NaN, 0, -1));

        Assert.Equal(["b0", "clip", "dt", "iterations", "learningRate", "steps", "target", "w", "x0"], errors.Select(e => e.Field).Order());
    }

    private static double[] Trajectory(double w, double b, double x0, double dt, int steps)
    {
        var states = new double[steps + 1];
        states[0] = x0;
        OneNeuron.Run(w, b, dt, states);
        return states;
    }

    private static double Loss(double w, double b, double x0, double dt, int steps, double target)
    {
        var residual = Trajectory(w, b, x0, dt, steps)[^1] - target;
        return 0.5 * residual * residual;
    }
}
