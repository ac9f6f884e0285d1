using GradientService.Contracts.Spec;
using GradientService.Core.Layers;
using GradientService.Core.Probes;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;

namespace GradientService.Core.Tests.Layers;

/// <summary>
/// The feedforward probes taken inside φ's and φ′'s passes (granule by granule, in batch shares or in parts) against plain
/// loops over the tensors the pass left behind: activation mean, std and dead share of a, and ‖δ‖.
/// </summary>
public sealed class FeedForwardProbeTests
{
    private const int Inputs = 24, Classes = 5;

    /// <summary>Small nets cut their batch into shares, width 1024 at 24 rows runs layer by layer in parts; 21 rows leave a short granule.</summary>
    [Theory]
    [InlineData(ActivationKind.Tanh, 64, 32, 1)]
    [InlineData(ActivationKind.Tanh, 64, 21, 2)]
    [InlineData(ActivationKind.Relu, 40, 32, 2)]
    [InlineData(ActivationKind.Sigmoid, 1024, 24, 2)]
    [InlineData(ActivationKind.Relu, 1024, 21, 2)]
    [InlineData(ActivationKind.Identity, 16, 19, 2)]
    public void Probes_match_plain_loops_over_a_and_delta(ActivationKind activation, int width, int rows, int threads) =>
        AssertProbes(new MlpSpec { Depth = 3, Width = width, Activation = activation }, rows, threads);

    [Theory]
    [InlineData(Normalization.None, 2)]
    [InlineData(Normalization.BatchNorm, 2)]
    public void Residual_and_normalised_nets_probe_a_and_delta_as_plain_loops(Normalization norm, int threads) =>
        AssertProbes(new ResidualMlpSpec { Depth = 5, Width = 24, BlockSize = 2, Activation = ActivationKind.Relu, Normalization = norm }, 27, threads);

    private static void AssertProbes(FeedForwardSpec model, int rows, int threads)
    {
        using var mm = new MatrixProduct<float>(threads);
        var net = new FeedForwardNet<float>(model, Inputs, Classes, rows, mm);
        var rng = new Random(rows * 31 + threads);
        foreach (var p in net.Parameters)
            for (var i = 0; i < p.Length; i++) p.Value[i] = (float)((rng.NextDouble() - 0.5) * 2 / Math.Sqrt(Math.Min(p.Length, 1024)));
        var input = new MatrixView<float>(new float[rows * Inputs], 0, rows, Inputs);
        for (var i = 0; i < input.Data.Length; i++) input.Data[i] = (float)(rng.NextDouble() * 2 - 1);
        var record = new StepRecord(net.Info.Layers.Count, 0, 0, 0);

        net.Forward(input, training: true, record);
        var logitsGradient = net.LogitsGradient(rows).Span;
        for (var i = 0; i < logitsGradient.Length; i++) logitsGradient[i] = (float)(rng.NextDouble() - 0.5);
        net.Backward(input, record, new double[net.Parameters.Count]);

        for (var l = 0; l < net.Info.Layers.Count; l++)
        {
            var layer = net.Layer(l);
            var a = (layer.IsReadout ? layer.Z(rows) : layer.A(rows)).Span;
            double sum = 0, squares = 0;
            foreach (var x in a)
            {
                sum += x;
                squares += (double)x * x;
            }
            var count = (double)a.Length;
            var stats = record.Layers[l];
            Assert.Equal(sum / count, stats.ActivationMean, 1e-12);
            Assert.Equal(Math.Sqrt(Math.Max(0, squares / count - sum / count * (sum / count))), stats.ActivationStd, 1e-10);
            if (!layer.IsReadout) Assert.Equal(DeadShare(a, layer.Dense.Outputs), stats.DeadFraction);

            var deltaSquares = 0.0;
            foreach (var d in net.PreactivationGradient(l, rows).Span) deltaSquares += (double)d * d;
            Assert.True(deltaSquares > 0, $"layer {l}: δ is zero");
            Assert.Equal(1, stats.PreactivationGradNorm / Math.Sqrt(deltaSquares), 1e-12);
        }
    }

    private static double DeadShare(ReadOnlySpan<float> a, int cols)
    {
        var dead = 0;
        for (var j = 0; j < cols; j++)
        {
            var alive = false;
            for (var i = j; i < a.Length; i += cols) alive |= a[i] != 0;
            if (!alive) dead++;
        }
        return (double)dead / cols;
    }
}
