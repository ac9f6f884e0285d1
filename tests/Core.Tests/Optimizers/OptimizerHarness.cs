using System.Numerics;
using GradientService.Core.Layers;
using GradientService.Core.Optimizers;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests.Optimizers;

/// <summary>
/// A small hand-checkable case: W [2, 3] (group 0) and b [2] (group 0), flattened to 8 elements, and the gradients
/// of two steps (with sign changes, repeats and zeros, so rprop takes every branch). Expected values are computed by
/// each test in float64 from the textbook formula, element by element.
/// </summary>
internal static class OptimizerHarness
{
    /// <summary>|actual − expected| ≤ tolerance·max(1, |expected|): float64 runs agree to rounding, float32 to its ε ≈ 6e-8 times a few.</summary>
    public static double Tolerance(Precision precision) => precision == Precision.Float64 ? 1e-13 : 1e-6;

    public static readonly double[] InitialValues = [0.5, -1.25, 2.0, 0.0, -0.3, 0.75, 0.1, -0.2];

    public static readonly double[][] Gradients =
    [
        [0.2, -0.4, 0.1, 0.3, -0.05, 0.6, -0.1, 0.0],
        [0.1, 0.4, -0.2, 0.3, -0.05, -0.6, 0.05, 0.2],
    ];

    public static TheoryData<Precision, double> PrecisionsAndDecays => new()
    {
        { Precision.Float64, 0.0 },
        { Precision.Float64, 0.1 },
        { Precision.Float32, 0.0 },
        { Precision.Float32, 0.1 },
    };

    public static List<Parameter<T>> CreateParameters<T>(IReadOnlyList<double> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var weight = new Parameter<T>("layers.0.weight", 0, 2, 3);
        var bias = new Parameter<T>("layers.0.bias", 0, 2);
        for (var i = 0; i < 6; i++) weight.Value[i] = T.CreateTruncating(values[i]);
        for (var i = 0; i < 2; i++) bias.Value[i] = T.CreateTruncating(values[6 + i]);
        return [weight, bias];
    }

    public static void SetGradients<T>(IReadOnlyList<Parameter<T>> parameters, IReadOnlyList<double> gradients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var k = 0;
        foreach (var p in parameters)
            for (var j = 0; j < p.Length; j++) p.Grad[j] = T.CreateTruncating(gradients[k++]);
    }

    public static double[] Flatten<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T> =>
        [.. parameters.SelectMany(p => p.Value.Select(v => double.CreateTruncating(v)))];

    /// <summary>Runs <see cref="Gradients"/> through the optimizer at η; returns the flattened values after each step.</summary>
    public static double[][] Run(Precision precision, OptimizerSpec spec, double learningRate) =>
        precision == Precision.Float64 ? Run<double>(spec, learningRate) : Run<float>(spec, learningRate);

    private static double[][] Run<T>(OptimizerSpec spec, double learningRate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parameters = CreateParameters<T>(InitialValues);
        var optimizer = Optimizer<T>.Create(spec, parameters);
        var deltas = new double[parameters.Count];
        var values = new double[parameters.Count];
        var after = new double[Gradients.Length][];
        for (var t = 0; t < Gradients.Length; t++)
        {
            SetGradients(parameters, Gradients[t]);
            optimizer.Step(learningRate, deltas, values);
            after[t] = Flatten(parameters);
        }
        return after;
    }

    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var error = Math.Abs(actual[i] - expected[i]);
            Assert.True(error <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]:R}, got {actual[i]:R} (error {error:E2}, tolerance {tolerance:E0})");
        }
    }
}
