using GradientService.Contracts.Schema;
using GradientService.Contracts.Spec;
using GradientService.Core.Probes;
using GradientService.Core.Recurrent;
using GradientService.Core.Tensors;

namespace GradientService.Core.Tests.Recurrent;

/// <summary>
/// A float tanh rnn's backward probes, taken inside its passes (‖δ‖ and the saturation count where δ is written, the
/// time-lag ‖∂L/∂h_t‖ in the carry add), against plain loops over the buffers the backward pass leaves, and the same
/// bitwise on one thread and two. Width 20 and batch 21 reach the kernels' tails and a short last granule.
/// </summary>
public sealed class RecurrentProbeTests
{
    private const int Inputs = 3, Classes = 2, Steps = 5, Batch = 21;

    [Fact]
    public void Backward_probes_match_plain_loops_and_do_not_depend_on_the_threads()
    {
        var one = Probe(threads: 1);
        var two = Probe(threads: 2);

        Assert.Equal(one, two);
    }

    private static List<double> Probe(int threads)
    {
        var model = (RecurrentSpec)SpecSchema.NewModel(Architecture.Rnn) with { Depth = 2, Width = 20, Activation = ActivationKind.Tanh };
        using var mm = new MatrixProduct<float>(threads);
        var net = new RecurrentNet<float>(model, Inputs, Classes, Steps, Batch, mm);
        var rng = new Random(11);
        foreach (var p in net.Parameters)
            for (var i = 0; i < p.Length; i++) p.Value[i] = (float)((rng.NextDouble() - 0.5) * 3);
        var input = new MatrixView<float>(new float[Batch * Steps * Inputs], 0, Batch, Steps * Inputs);
        for (var i = 0; i < input.Data.Length; i++) input.Data[i] = (float)(rng.NextDouble() * 4 - 2);
        var record = new StepRecord(net.Info.Layers.Count, net.Layers.Count, 1, Steps) { HasTimeLag = true };

        net.Forward(input, training: true, record);
        var logitsGradient = net.LogitsGradient(Batch).Span;
        for (var i = 0; i < logitsGradient.Length; i++) logitsGradient[i] = (float)(rng.NextDouble() - 0.5);
        net.Backward(input, record);

        var figures = new List<double>();
        foreach (var layer in net.Layers)
        {
            var stats = record.Layers[layer.Index];
            var count = Steps * Batch * layer.Hidden;
            var deltaSquares = 0.0;
            foreach (var d in layer.PreGrad.AsSpan(0, count)) deltaSquares += (double)d * d;
            var saturated = 0;
            foreach (var a in layer.Output.AsSpan(0, count)) if (1f - a * a < 0.05f) saturated++;
            Assert.True(saturated > 0 && deltaSquares > 0, $"layer {layer.Index}: no saturation or δ = 0");
            Assert.Equal(1, stats.PreactivationGradNorm / Math.Sqrt(deltaSquares), 1e-12);
            Assert.Equal((double)saturated / count, stats.SaturationFraction);
            figures.AddRange([stats.PreactivationGradNorm, stats.SaturationFraction]);
            for (var t = 0; t < Steps; t++)
            {
                var lag = 0.0;
                foreach (var g in RecurrentLayer<float>.At(layer.OutputGrad, t, Batch, layer.Hidden).Span) lag += (double)g * g;
                Assert.Equal(1, record.Recurrent[layer.Index].TimeLag[t] / Math.Sqrt(lag), 1e-12);
                figures.Add(record.Recurrent[layer.Index].TimeLag[t]);
            }
        }
        return figures;
    }
}
