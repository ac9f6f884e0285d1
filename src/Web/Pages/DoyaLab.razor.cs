using GradientService.Contracts.Labs;
using GradientService.Web.Charts;
using GradientService.Web.Services;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Pages;

/// <summary>
/// Doya's one-neuron network: the bifurcation diagram for the chosen w, and a bias training whose |∂L/∂b| spikes where the
/// state crosses; both from the Api (<c>/api/labs/doya</c>), drawn on first load with the defaults.
/// </summary>
public partial class DoyaLab
{
    /// <summary>b values of the diagram: enough for smooth branches, few enough to answer at once.</summary>
    public const int DiagramPoints = 401;

    private double _w = 6;
    private double _bMin = -8;
    private double _bMax = 0;
    private readonly TrainingForm _form = new();
    private BifurcationDiagram? _diagram;
    private BiasTrainingTrace? _trace;
    private string? _diagramError;
    private string? _trainError;

    [Inject]
    public required ApiClient Api { get; init; }

    protected override async Task OnInitializedAsync()
    {
        await DrawAsync();
        await TrainAsync();
    }

    private async Task DrawAsync()
    {
        try
        {
            _diagram = await Api.DoyaFixedPointsAsync(_w, _bMin, _bMax, DiagramPoints);
            if (_trace is not null && _trace.Request.W != _w) _trace = null; // a trace belongs to its w
            _diagramError = null;
        }
        catch (ApiException e)
        {
            _diagramError = Describe(e.Problem);
        }
    }

    private async Task TrainAsync()
    {
        try
        {
            _trace = await Api.TrainDoyaAsync(_form.ToRequest(_w));
            _trainError = null;
        }
        catch (ApiException e)
        {
            _trainError = Describe(e.Problem);
        }
    }

    private LinePayload? ShapeDiagram() => _diagram is null ? null : DoyaLabCharts.Diagram(_diagram, _trace);

    private LinePayload? ShapeTrace() => _trace is null ? null : DoyaLabCharts.Trace(_trace);

    private static string Describe(ApiProblem problem) => problem.Errors.Count == 0
        ? problem.Summary
        : string.Join(" ", problem.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));

    /// <summary>The training inputs as the form edits them; w comes from the diagram's control.</summary>
    private sealed class TrainingForm
    {
        private static readonly BiasTrainingRequest Defaults = new();

        public double B0 { get; set; } = Defaults.B0;
        public double X0 { get; set; } = Defaults.X0;
        public double Target { get; set; } = Defaults.Target;
        public int Steps { get; set; } = Defaults.Steps;
        public double Dt { get; set; } = Defaults.Dt;
        public double LearningRate { get; set; } = Defaults.LearningRate;
        public int Iterations { get; set; } = Defaults.Iterations;
        public double Clip { get; set; } = Defaults.Clip;

        public BiasTrainingRequest ToRequest(double w) => new(w, B0, X0, Target, Steps, Dt, LearningRate, Iterations, Clip);
    }
}
