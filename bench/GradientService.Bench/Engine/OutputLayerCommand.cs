using System.Diagnostics;
using System.Globalization;
using GradientService.Core.Layers;
using GradientService.Core.Losses;
using GradientService.Core.Tensors;
using GradientService.Core.Training;

namespace GradientService.Bench.Engine;

/// <summary>
/// `output-layer [--classes 16,64,256,1024,4096] [--width 64] [--batch 32] [--seconds 0.3] [--rounds 3]`: the read-out's
/// forward and backward per training step on a synthetic task (h ~ N(0, 1) [batch, width], uniform labels), one thread:
/// a full softmax (z = hWᵀ + b over C classes, cross-entropy, ∂L/∂W, ∂L/∂b, ∂L/∂h) against a hierarchical softmax (the
/// ⌈log₂C⌉ path nodes of each example, the same gradients and the per-depth norms). Median of the rounds; the growth
/// columns divide each time by the first C's, beside log₂C and C divided alike.
/// </summary>
public static class OutputLayerCommand
{
    private const double WarmUpSeconds = 0.5;
    private const int WarmUpCalls = 200;

    public static int Run(string[] args)
    {
        var classes = (Option(args, "--classes") ?? "16,64,256,1024,4096").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var width = int.Parse(Option(args, "--width") ?? "64", CultureInfo.InvariantCulture);
        var batch = int.Parse(Option(args, "--batch") ?? "32", CultureInfo.InvariantCulture);
        var seconds = double.Parse(Option(args, "--seconds") ?? "0.3", CultureInfo.InvariantCulture);
        var rounds = int.Parse(Option(args, "--rounds") ?? "3", CultureInfo.InvariantCulture);
        Console.WriteLine($"output-layer benchmark: float32, 1 thread, batch {batch}, width {width}, forward + backward per step, median of {rounds} rounds");
        Console.WriteLine($"{"C",6} {"log2 C",7} {"softmax µs",11} {"hier. µs",9} {"speed-up",9} {"softmax ×",10} {"hier. ×",8} {"C ×",7} {"log2 C ×",9}");
        double? softmaxFirst = null, treeFirst = null;
        foreach (var c in classes)
        {
            var rng = new Rng(7);
            using var mm = new MatrixProduct<float>(1);
            var h = Random(batch, width, rng);
            var labels = Enumerable.Range(0, batch).Select(_ => rng.Next(c)).ToArray();
            var dh = new Matrix<float>(batch, width);

            var dense = new DenseLayer<float>("readout", 0, width, c);
            Fill(dense.Weight.Value, rng, 1 / MathF.Sqrt(width));
            var z = new Matrix<float>(batch, c);
            var dz = new Matrix<float>(batch, c);
            var loss = new CrossEntropyLoss<float>();
            var softmax = Time(seconds, rounds, () =>
            {
                dense.Forward(mm, h, z);
                loss.Compute(z, labels, [], dz);
                dense.ParameterGradients(mm, h, dz);
                dense.InputGradient(mm, dz, dh, accumulate: false);
            });

            var head = new HierarchicalSoftmax<float>("readout", 0, width, c, batch, mm);
            Fill(head.Weight.Value, rng, 1 / MathF.Sqrt(width));
            var tree = Time(seconds, rounds, () => head.Loss(h, labels, dh));

            softmaxFirst ??= softmax;
            treeFirst ??= tree;
            var log2 = Math.Log2(c);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c,6} {log2,7:F0} {softmax * 1e6,11:F1} {tree * 1e6,9:F2} {softmax / tree,9:F1} {softmax / softmaxFirst,10:F1} {tree / treeFirst,8:F2} {c / (double)classes[0],7:F0} {log2 / Math.Log2(classes[0]),9:F2}"));
        }
        return 0;
    }

    /// <summary>Seconds per call: calls repeated for about <paramref name="seconds"/> per round, the median round.</summary>
    private static double Time(double seconds, int rounds, Action step)
    {
        var watch = Stopwatch.StartNew();
        var calls = 0;
        // Warm-up: past tiered compilation (tier 1 needs 30 calls and a background compile of ~100 ms) and the call count for one round.
        while (watch.Elapsed.TotalSeconds < WarmUpSeconds || calls < WarmUpCalls)
        {
            step();
            calls++;
        }
        var perCall = watch.Elapsed.TotalSeconds / calls;
        var count = Math.Max(3, (int)(seconds / perCall));
        var times = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            watch.Restart();
            for (var i = 0; i < count; i++) step();
            times.Add(watch.Elapsed.TotalSeconds / count);
        }
        return times.Order().ElementAt(rounds / 2);
    }

    private static Matrix<float> Random(int rows, int cols, Rng rng)
    {
        var m = new Matrix<float>(rows, cols);
        Fill(m.Data, rng, 1);
        return m;
    }

    private static void Fill(float[] values, Rng rng, float scale)
    {
        for (var i = 0; i < values.Length; i++) values[i] = scale * (float)rng.NextGaussian();
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
