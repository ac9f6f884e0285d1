using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Web.Charts;
using GradientService.Web.Live;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Components;

/// <summary>Loss and accuracy; the global gradient norm before and after clipping, with clipping events, divergence and pretraining phases marked.</summary>
public partial class TrainingChart : ILiveView
{
    private static readonly LineChartOptions LossOptions = new("step", "loss (log₁₀ axis)", YLog: true,
    [
        new("train loss", "#1f77b4"),
        new("test loss", "#1f77b4", Dash: true, Points: true),
        new("train accuracy", "#2ca02c", Scale: "y2"),
        new("test accuracy", "#2ca02c", Scale: "y2", Dash: true, Points: true),
    ], Y2Label: "accuracy (0–1)");

    private static readonly LineChartOptions NormOptions = new("step", "‖g‖ global norm (log₁₀ axis)", YLog: true,
    [
        new("‖g‖ before clipping", "#d62728"),
        new("‖g‖ after clipping", "#9467bd", Dash: true),
        new("clip scale", "#ff7f0e", Scale: "y2", Width: 1),
    ], Y2Label: "clip scale min(1, τ/‖g‖)");

    /// <summary>A gradient-free run: ‖g‖ exists on probe generations only, drawn as points (no clipping applies).</summary>
    public static readonly LineChartOptions ProbeNormOptions = new("step", "‖g‖ of the probed net (log₁₀ axis)", YLog: true,
    [
        new("‖g‖ probe (not a training gradient)", "#d62728", Points: true),
    ]);

    private const int MaxClipMarks = 1000;

    private LineChart? _loss;
    private LineChart? _norms;

    [Parameter, EditorRequired]
    public required RunData Data { get; set; }

    [Parameter]
    public int SelectedStep { get; set; }

    /// <summary>A gradient-free run's probe interval k (0: backprop, whose gradients are the training gradients).</summary>
    [Parameter]
    public int ProbeEvery { get; set; }

    [Parameter]
    public TrainingMethod Method { get; set; }

    [Parameter]
    public EventCallback<int> StepClicked { get; set; }

    /// <summary>A pretraining run's phase boundaries (<see cref="Charts.PhaseMarks"/>); none otherwise.</summary>
    [Parameter]
    public IReadOnlyList<ChartMark> PhaseMarks { get; set; } = [];

    private object Key => (Data.Version, SelectedStep);

    public async Task RefreshAsync()
    {
        if (_loss is not null) await _loss.RefreshAsync();
        if (_norms is not null) await _norms.RefreshAsync();
    }

    /// <summary>The loss chart's series: training and test loss, training and test accuracy.</summary>
    internal static LinePayload LossPayload(RunData data, IReadOnlyList<ChartMark> marks) =>
        LinePayload.Of([data.Loss.Snapshot(), data.TestLoss.Snapshot(), data.TrainAccuracy.Snapshot(), data.TestAccuracy.Snapshot()], marks);

    /// <summary>The norms chart's series: a backprop run's ‖g‖ before and after clipping and the clip scale; a gradient-free run's probes' ‖g‖.</summary>
    internal static LinePayload NormsPayload(RunData data, bool backprop, IReadOnlyList<ChartMark> marks) => backprop
        ? LinePayload.Of([data.GradNormBefore.Snapshot(), data.GradNormAfter.Snapshot(), data.ClipScale.Snapshot()], marks)
        : LinePayload.Of([data.GradNormBefore.Snapshot()], marks);

    private LinePayload ShapeLoss() => LossPayload(Data, Marks(clipping: false));

    private LinePayload ShapeNorms() => NormsPayload(Data, backprop: ProbeEvery == 0, Marks(clipping: ProbeEvery == 0));

    private List<ChartMark> Marks(bool clipping)
    {
        List<ChartMark> marks = [];
        EpisodeMarks.AddTo(marks, Data.Episodes);
        marks.AddRange(PhaseMarks);
        if (clipping)
            // The newest clipping events (a clipped run can clip at every step: the ticks would merge into a bar anyway).
            marks.AddRange(Data.Events.Where(e => e.Kind == RunEventKinds.Clipping).TakeLast(MaxClipMarks).Select(e => new ChartMark(e.Step, "clipping")));
        foreach (var e in Data.Events.Where(e => e.Kind == RunEventKinds.NonFinite).Take(20)) marks.Add(new ChartMark(e.Step, "non-finite"));
        if (Data.DivergedStep is { } diverged) marks.Add(new ChartMark(diverged, "diverged", $"diverged at step {diverged}"));
        if (SelectedStep > 0) marks.Add(new ChartMark(SelectedStep, "cursor"));
        return marks;
    }

    private Task OnClicked(double step) => StepClicked.InvokeAsync((int)Math.Round(step));
}
