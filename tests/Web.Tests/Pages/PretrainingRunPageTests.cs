using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Web.Pages;
using GradientService.Web.Tests.Infrastructure;

namespace GradientService.Web.Tests.Pages;

/// <summary>The run page of a pretraining run: its reconstruction-error panel, filled from the store for the pretraining steps.</summary>
public sealed class PretrainingRunPageTests : DashboardContext
{
    private readonly Guid _id = Guid.NewGuid();
    private readonly List<string> _heatmapFields = [];

    private static readonly RunSpec Pretrained = new()
    {
        Model = new MlpSpec { Depth = 2, Width = 4 },
        Pretraining = new PretrainingSpec { Kind = PretrainingKind.Rbm, StepsPerLayer = 2 },
    };

    private void Serve(RunSpec spec)
    {
        // Routes match by prefix, the latest first: the run's own path goes in before its sub-resources.
        Http.OnJson(HttpMethod.Get, $"api/runs/{_id}", Wire.Detail(_id, RunStatus.Completed, 6) with { Spec = spec });
        Http.On(HttpMethod.Get, $"api/runs/{_id}/heatmap", request =>
        {
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
            _heatmapFields.Add(query["field"]!);
            return StubHttp.Packed(Wire.Heatmap(_id, int.Parse(query["from"]!), int.Parse(query["to"]!)));
        });
        Http.OnJson(HttpMethod.Get, $"api/runs/{_id}/events", new Page<RunEventMessage>([], 1, 100, 0));
        Http.OnJson(HttpMethod.Get, $"api/runs/{_id}/episodes", Array.Empty<RunEpisode>());
        Http.On(HttpMethod.Get, $"api/runs/{_id}/steps", _ => StubHttp.Packed(new SeriesResponse(_id, null, 1, 6, 6, false, "none",
            [new SeriesData("loss", [.. Enumerable.Range(1, 6).Select(s => new SeriesPoint(s, 1.0 / s))])])));
        Http.OnJson(HttpMethod.Get, $"api/runs/{_id}/theory", Diagnoses.Theory());
        Http.OnJson(HttpMethod.Get, $"api/runs/{_id}/depth-profile", new DepthProfile(_id, 1, ["deltaNorm"], [new(2, "layers.2", [0.1])]));
    }

    [Fact]
    public void Open_PretrainingRun_ShowsTheReconstructionPanelAndFillsItsPretrainingSteps()
    {
        Serve(Pretrained);

        var page = Render<Run>(p => p.Add(r => r.Id, _id));

        page.WaitForAssertion(() => Assert.Single(Stream.Subscriptions));
        Assert.Contains("an RBM (CD-1)", page.Find("[data-testid=pretraining]").TextContent, StringComparison.Ordinal);
        Assert.Contains("reconstructionError", _heatmapFields);
    }

    [Fact]
    public void Open_RunWithoutPretraining_HasNoReconstructionPanel()
    {
        Serve(new RunSpec { Model = new MlpSpec { Depth = 2, Width = 4 } });

        var page = Render<Run>(p => p.Add(r => r.Id, _id));

        page.WaitForAssertion(() => Assert.Single(Stream.Subscriptions));
        Assert.Empty(page.FindAll("[data-testid=pretraining]"));
        Assert.DoesNotContain("reconstructionError", _heatmapFields);
    }
}
