using GradientService.Core.Layers;
using GradientService.Core.Losses;
using GradientService.Core.Probes;
using GradientService.Core.Tensors;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Layers;

/// <summary>Central finite differences in float64 against a network's analytic gradients.</summary>
internal static class GradientCheck
{
    private const double Step = 1e-6;

    /// <summary>
    /// For every parameter tensor: max |analytic − numeric| / max |analytic| (or absolute when the gradient is ~0).
    /// Returns the worst tensor and its error.
    /// </summary>
    public static (string Tensor, double Error) WorstRelativeError(
        INetwork<double> net, Loss<double> loss, Matrix<double> input, int[] labels, double[] targets)
    {
        var info = net.Info;
        var record = new StepRecord(info.Layers.Count, info.RecurrentLayers, info.Gates, info.SequenceLength, info.OutputDepths) { HasTimeLag = true };
        double Evaluate()
        {
            var logits = net.Forward(input, true, null);
            return loss.Compute(logits, labels, targets, null);
        }
        var logitsTrain = net.Forward(input, true, record);
        loss.Compute(logitsTrain, labels, targets, net.LogitsGradient(input.Rows));
        net.Backward(input, record);
        var worst = ("", 0.0);
        foreach (var p in net.Parameters)
        {
            var analytic = (double[])p.Grad.Clone();
            var scale = analytic.Max(Math.Abs);
            var maxDiff = 0.0;
            for (var i = 0; i < p.Length; i++)
            {
                var saved = p.Value[i];
                p.Value[i] = saved + Step;
                var plus = Evaluate();
                p.Value[i] = saved - Step;
                var minus = Evaluate();
                p.Value[i] = saved;
                maxDiff = Math.Max(maxDiff, Math.Abs((plus - minus) / (2 * Step) - analytic[i]));
            }
            var error = maxDiff / Math.Max(scale, 1e-3);
            if (error > worst.Item2 || worst.Item1 == "") worst = (p.Name, error);
        }
        return worst;
    }

    /// <summary>∂L/∂p by central differences for every parameter element, in parameter order.</summary>
    public static List<double[]> Numeric(INetwork<double> net, Loss<double> loss, Matrix<double> input, int[] labels, double[] targets)
    {
        double Evaluate() => loss.Compute(net.Forward(input, true, null), labels, targets, null);
        var result = new List<double[]>();
        foreach (var p in net.Parameters)
        {
            var numeric = new double[p.Length];
            for (var i = 0; i < p.Length; i++)
            {
                var saved = p.Value[i];
                p.Value[i] = saved + Step;
                var plus = Evaluate();
                p.Value[i] = saved - Step;
                var minus = Evaluate();
                p.Value[i] = saved;
                numeric[i] = (plus - minus) / (2 * Step);
            }
            result.Add(numeric);
        }
        return result;
    }

    public static Matrix<double> RandomMatrix(int rows, int cols, Rng rng, double scale = 1)
    {
        var m = new Matrix<double>(rows, cols);
        for (var i = 0; i < m.Length; i++) m.Data[i] = scale * rng.NextGaussian();
        return m;
    }

    public static void Randomize(INetwork<double> net, Rng rng, double scale = 0.5)
    {
        foreach (var p in net.Parameters)
            for (var i = 0; i < p.Length; i++)
                p.Value[i] = p.Role == ParameterRole.Other && p.Name.EndsWith(".weight", StringComparison.Ordinal)
                    ? 1 + 0.2 * rng.NextGaussian()
                    : scale * rng.NextGaussian();
    }
}
