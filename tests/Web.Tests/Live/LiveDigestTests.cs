using System.Runtime.InteropServices;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;
using GradientService.Web.Live;
using GradientService.Web.Tests.Infrastructure;

namespace GradientService.Web.Tests.Live;

/// <summary>The dashboard's side of a negotiated live view: a digest changes the run's data as its steps would have.</summary>
public sealed class LiveDigestTests
{
    private static readonly Guid Id = Guid.NewGuid();

    /// <summary>Frames first … last folded into columns of <paramref name="width"/> steps, each cell its largest value, as the hub folds them.</summary>
    private static LayerColumns Columns(int first, int last, int width)
    {
        int[] metrics = [.. LayerMetrics.Charted.Select(m => m.Ordinal), (int)LayerMetric.NonFiniteCount];
        var indices = Enumerable.Range(first, last - first + 1).Select(s => (s - 1) / width).Distinct().ToArray();
        var maxima = new double[indices.Length * metrics.Length * Wire.Layers];
        Array.Fill(maxima, double.NaN);
        for (var step = first; step <= last; step++)
        {
            var frame = Wire.Frame(step);
            var i = Array.IndexOf(indices, (step - 1) / width);
            for (var k = 0; k < metrics.Length; k++)
                for (var l = 0; l < Wire.Layers; l++)
                {
                    ref var cell = ref maxima[(i * metrics.Length + k) * Wire.Layers + l];
                    if (frame.Values[metrics[k]][l] is { } v && (double.IsNaN(cell) || v > cell)) cell = v;
                }
        }
        return new LayerColumns(width, Wire.Layers, metrics, indices, MemoryMarshal.AsBytes(maxima.AsSpan()).ToArray(), []);
    }

    [Fact]
    public void AddColumns_DigestsOfEveryStep_SameGridAsEveryFrameAdded()
    {
        var framed = new LayerGrid(Wire.Layers, capacity: 8);
        var digested = new LayerGrid(Wire.Layers, capacity: 8);
        for (var step = 1; step <= 40; step++) framed.Add(Wire.Frame(step));
        var view = new LiveView(10, 8);

        foreach (var (first, last) in new[] { (1, 5), (6, 17), (18, 18), (19, 40) }) digested.Add(Columns(first, last, view.WidthFor(last)));

        Assert.Equal(framed.Width, digested.Width);
        Assert.Equal(framed.Columns, digested.Columns);
        for (var f = 0; f < ChartedMetrics.All.Count; f++)
            for (var c = 0; c < framed.Columns; c++)
                Assert.Equal(framed.Column(f, c).ToArray(), digested.Column(f, c).ToArray());
    }

    [Fact]
    public void Apply_Digest_HoldsEveryStepItCoversWithTheSpikeAtItsStepAndTheNewestFrameExact()
    {
        var data = new RunData(Id);
        data.Apply(Wire.Batch(Id, 1, 3));
        double?[] Loss(double loss) => [loss, 0.5, null, null, 0.1, 2.0, 1.0, 0.5];
        var digest = new LiveDigest(Id, 4, 50, [new StepPoint(9, Loss(0.01)), new StepPoint(31, Loss(7.5)), new StepPoint(50, Loss(0.2))],
            Columns(4, 50, 1), Wire.Frame(50), [], [new RunEventMessage(31, RunEventKinds.Clipping, null, 7.5, "clipped")], []);

        data.Apply(digest);

        Assert.Equal(50, data.LastStep);
        Assert.Equal(50, data.StepsReceived);
        Assert.Equal(0, data.MissingSteps);
        Assert.Equal(1, data.ClipEvents);
        var (steps, values) = data.Loss.Snapshot();
        Assert.Equal([1, 2, 3, 9, 31, 50], steps);
        Assert.Equal(7.5, values[4]);
        Assert.Same(digest.Latest, data.LatestFrame);
        Assert.Equal(Wire.Frame(50).WeightGradNorm()[2], data.Grid!.Value(0, data.Grid.ColumnOf(50), 3));
    }
}
