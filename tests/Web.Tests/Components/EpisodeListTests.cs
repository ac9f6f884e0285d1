using GradientService.Contracts.Wire;
using GradientService.Web.Components;
using GradientService.Web.Live;
using GradientService.Web.Tests.Infrastructure;

namespace GradientService.Web.Tests.Components;

public sealed class EpisodeListTests : DashboardContext
{
    private readonly Guid _id = Guid.NewGuid();
    private readonly RunData _data;

    public EpisodeListTests()
    {
        _data = new RunData(_id) { Status = RunStatus.Running };
        _data.EnsureGrid(Wire.Layers);
    }

    private IRenderedComponent<EpisodeList> RenderList() => Render<EpisodeList>(p => p.Add(l => l.Data, _data));

    private static List<string> Cells(IRenderedComponent<EpisodeList> list, int column) =>
        [.. list.FindAll($"[data-testid=episodes] tbody tr td:nth-child({column})").Select(td => td.TextContent.Trim())];

    [Fact]
    public void Render_StoredEpisodes_ListsKindLayersStepsCountPeakAndMessage()
    {
        _data.Merge([Diagnoses.Episode(EpisodeKinds.Vanishing, 1, 40, layer: 2, message: "layers 1–2 stopped"), Diagnoses.Episode(EpisodeKinds.Clipping, 3, 7)]);

        var list = RenderList();

        Assert.Equal(["vanishing", "clipping"], Cells(list, 1));
        Assert.Equal(["1–2", "all"], Cells(list, 2));
        Assert.Equal(["1–40", "3–7"], Cells(list, 3));
        Assert.Equal(["40", "5"], Cells(list, 4));
        Assert.Equal("2.5 at 40", Cells(list, 5)[0]);
        Assert.Equal("layers 1–2 stopped", Cells(list, 6)[0]);
    }

    [Fact]
    public async Task LiveBatch_GrowingAnOpenEpisode_ReplacesItsRowWithTheNewestState()
    {
        _data.Merge([Diagnoses.Episode(EpisodeKinds.Exploding, 2, 5, open: true)]);
        var list = RenderList();
        Assert.Single(list.FindAll("[data-testid=episode-live]"));

        _data.Apply(Wire.Batch(_id, 1, 9).WithEpisodes(Diagnoses.Episode(EpisodeKinds.Exploding, 2, 9, open: false)));
        await list.InvokeAsync(() => list.Render());

        Assert.Equal(["2–9"], Cells(list, 3));
        Assert.Empty(list.FindAll("[data-testid=episode-live]"));
    }

    [Fact]
    public async Task LiveBatch_NewEpisodes_JoinInFirstStepOrderKeyedByLayer()
    {
        _data.Merge([Diagnoses.Episode(EpisodeKinds.DeadUnits, 4, 6, layer: 1)]);
        var list = RenderList();

        _data.Apply(Wire.Batch(_id, 1, 9).WithEpisodes(
            Diagnoses.Episode(EpisodeKinds.DeadUnits, 4, 9, layer: 2, open: true), Diagnoses.Episode(EpisodeKinds.Clipping, 2, 3)));
        await list.InvokeAsync(() => list.Render());

        Assert.Equal(["2–3", "4–6", "4–9"], Cells(list, 3));
        Assert.Equal(["all", "1", "2"], Cells(list, 2));
        Assert.Single(list.FindAll("[data-testid=episode-live]"));
        Assert.NotNull(list.FindAll("[data-testid=episodes] tbody tr")[2].QuerySelector("[data-testid=episode-live]")); // the open one: layer 2's
    }

    [Fact]
    public void Render_NoEpisodes_SaysSo()
    {
        var list = RenderList();

        Assert.Equal("No episodes yet.", list.Find("[data-testid=episodes-empty]").TextContent);
    }
}
