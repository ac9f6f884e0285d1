using GradientService.Contracts.Spec;
using GradientService.Web.Charts;
using GradientService.Web.Live;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Components;

/// <summary>A gradient-free run per generation: the net's loss beside the population's mean loss and diversity; the evaluations used.</summary>
public partial class SearchChart : ILiveView
{
    private static readonly LineChartOptions EvaluationOptions = new("generation", "forward evaluations used", YLog: false,
    [
        new("evaluations (cumulative)", "#8c564b"),
    ], Height: 160);

    private LineChart? _loss;
    private LineChart? _evaluations;

    [Parameter, EditorRequired]
    public required RunData Data { get; set; }

    [Parameter, EditorRequired]
    public required TrainingMethod Method { get; set; }

    [Parameter, EditorRequired]
    public required SearchSpec Search { get; set; }

    [Parameter]
    public int SelectedStep { get; set; }

    [Parameter]
    public EventCallback<int> StepClicked { get; set; }

    /// <summary>The chart's lines: the net's loss is the best member's (genetic) or the mean θ's (evolution strategy).</summary>
    public static LineChartOptions LossOptionsFor(TrainingMethod method) => new("generation", "loss (log₁₀ axis)", YLog: true,
    [
        new(method == TrainingMethod.Genetic ? "best member's loss" : "mean θ's loss", "#1f77b4"),
        new("population mean loss", "#ff7f0e", Dash: true),
        new("population diversity", "#2ca02c", Scale: "y2", Width: 1),
    ], Y2Label: "diversity (RMS distance from the mean, log₁₀)", Y2Log: true);

    private LineChartOptions LossOptions => _lossOptions ??= LossOptionsFor(Method);

    private LineChartOptions? _lossOptions;

    private object Key => (Data.Version, SelectedStep);

    public async Task RefreshAsync()
    {
        if (_loss is not null) await _loss.RefreshAsync();
        if (_evaluations is not null) await _evaluations.RefreshAsync();
    }

    private LinePayload ShapeLoss() =>
        LinePayload.Of([Data.Loss.Snapshot(), Data.PopulationLoss.Snapshot(), Data.PopulationDiversity.Snapshot()], Marks());

    private LinePayload ShapeEvaluations() => LinePayload.Of([Data.Evaluations.Snapshot()], Marks());

    private List<ChartMark> Marks() => SelectedStep > 0 ? [new ChartMark(SelectedStep, "cursor")] : [];

    private Task OnClicked(double step) => StepClicked.InvokeAsync((int)Math.Round(step));
}
