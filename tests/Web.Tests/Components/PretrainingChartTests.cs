using System.Runtime.InteropServices;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Web.Charts;
using GradientService.Web.Components;
using GradientService.Web.Live;
using GradientService.Web.Tests.Infrastructure;

namespace GradientService.Web.Tests.Components;

/// <summary>The reconstruction-error chart of a run pretraining 2 hidden layers × 2 steps (3 linear layers with the read-out).</summary>
public sealed class PretrainingChartTests : DashboardContext
{
    private readonly Guid _id = Guid.NewGuid();

    private static readonly RunSpec Spec = new()
    {
        Model = new MlpSpec { Depth = 2, Width = 4 },
        Pretraining = new PretrainingSpec { Kind = PretrainingKind.Autoencoder, StepsPerLayer = 2 },
    };

    /// <summary>Steps 1 … 6: layer 1's reconstruction error at steps 1–2, layer 2's at 3–4, none while fine-tuning.</summary>
    private RunData Data()
    {
        var data = new RunData(_id) { Status = RunStatus.Running };
        data.EnsureGrid(Wire.Layers);
        var batch = Wire.Batch(_id, 1, 6);
        var frames = batch.Layers.Select(f =>
        {
            var values = f.Values.ToArray();
            var layer = f.Step <= 4 ? (f.Step - 1) / 2 : -1;
            values[(int)LayerMetric.ReconstructionError] = [.. Enumerable.Range(0, Wire.Layers).Select(l => l == layer ? 0.1 * f.Step : (double?)null)];
            return f with { Values = values };
        });
        data.Apply(batch with { Layers = [.. frames] });
        return data;
    }

    [Fact]
    public void Render_DrawsEachHiddenLayerDuringItsOwnPhaseWithThePhaseMarks()
    {
        var chart = Render<PretrainingChart>(p => p.Add(c => c.Data, Data()).Add(c => c.Spec, Spec));

        chart.WaitForAssertion(() => Assert.NotEmpty(ChartCalls("updateLines")));
        var update = ChartCalls("updateLines")[^1];
        var values = MemoryMarshal.Cast<byte, double>((byte[])update.Arguments[1]!).ToArray();
        var meta = (LinePayloadMeta)update.Arguments[2]!;
        Assert.Equal([4, 4], meta.Lengths);
        Assert.Equal([1.0, 2, 3, 4], values[0..4]);
        Assert.Equal([0.1, 0.2, double.NaN, double.NaN], values[4..8]);
        Assert.Equal([double.NaN, double.NaN, 0.1 * 3, 0.1 * 4], values[12..16]);
        Assert.Equal(["pretrain layer 1", "pretrain layer 2", "fine-tune"], meta.Marks.Select(m => m.Label));
        Assert.Contains("an autoencoder", chart.Find("[data-testid=pretraining]").TextContent, StringComparison.Ordinal);
        var series = ((LineChartOptions)ChartCalls("initLines")[^1].Arguments[1]!).Series;
        Assert.Equal(["layer 1", "layer 2"], series.Select(s => s.Label));
    }

    [Fact]
    public void TrainingChart_WithPhaseMarks_DrawsThemOnBothStepCharts()
    {
        var chart = Render<TrainingChart>(p => p.Add(c => c.Data, Data()).Add(c => c.PhaseMarks, PhaseMarks.Of(Spec)));

        chart.WaitForAssertion(() => Assert.Equal(2, ChartCalls("updateLines").Count));
        Assert.All(ChartCalls("updateLines"), update => Assert.Equal([0.5, 2.5, 4.5],
            ((LinePayloadMeta)update.Arguments[2]!).Marks.Where(m => m.Kind == PhaseMarks.Kind).Select(m => m.X)));
    }
}
