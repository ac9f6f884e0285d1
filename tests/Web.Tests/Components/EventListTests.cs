using System.Web;
using GradientService.Contracts.Wire;
using GradientService.Web.Components;
using GradientService.Web.Live;
using GradientService.Web.Tests.Infrastructure;

namespace GradientService.Web.Tests.Components;

public sealed class EventListTests : DashboardContext
{
    private const int Stored = 250;
    private readonly Guid _id = Guid.NewGuid();
    private int _stored = Stored;

    public EventListTests()
    {
        // The store holds clipping events at steps 1 … 250 and one non-finite event at step 7.
        Http.On(HttpMethod.Get, $"api/runs/{_id}/events", request =>
        {
            var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
            int page = int.Parse(query["page"]!), size = int.Parse(query["pageSize"]!);
            var all = query["kind"] == RunEventKinds.NonFinite
                ? [new RunEventMessage(7, RunEventKinds.NonFinite, 2, 3, "3 entries NaN")]
                : Enumerable.Range(1, _stored).Select(s => new RunEventMessage(s, RunEventKinds.Clipping, null, 2.0, "clipped")).ToList();
            return StubHttp.Json(new Page<RunEventMessage>([.. all.Skip((page - 1) * size).Take(size)], page, size, all.Count));
        });
    }

    private IRenderedComponent<EventList> RenderList(RunData? data = null)
    {
        data ??= Data(RunStatus.Completed);
        return Render<EventList>(p => p.Add(l => l.Data, data));
    }

    private RunData Data(RunStatus status)
    {
        var data = new RunData(_id) { Status = status };
        data.Seed(new PackedSeries(_id, null, 1, 1, 0, false, "none", []), [], new Dictionary<string, int> { [RunEventKinds.Clipping] = Stored }, through: 0);
        return data;
    }

    private static List<string> Steps(IRenderedComponent<EventList> list) =>
        [.. list.FindAll("[data-testid=events] tbody tr td:first-child").Select(td => td.TextContent.Trim())];

    [Fact]
    public void Open_ManyStoredEvents_ShowsTheFirstPageAndHowManyThereAre()
    {
        var list = RenderList();

        list.WaitForAssertion(() => Assert.Equal(EventList.PageSize, Steps(list).Count));
        Assert.Equal("1", Steps(list)[0]);
        Assert.Equal("page 1 of 3 · 250 events", list.Find("[data-testid=events-page]").TextContent);
    }

    [Fact]
    public void Last_ClickedOnFirstPage_FetchesTheLastPageFromTheServer()
    {
        var list = RenderList();
        list.WaitForAssertion(() => Assert.NotEmpty(Steps(list)));

        list.FindAll("[data-testid=events-pager] button").Single(b => b.TextContent == "last").Click();

        list.WaitForAssertion(() => Assert.Equal("page 3 of 3 · 250 events", list.Find("[data-testid=events-page]").TextContent));
        Assert.Equal(Enumerable.Range(201, 50).Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)), Steps(list));
        Assert.Contains(Http.Requests, r => r == $"GET api/runs/{_id}/events?page=3&pageSize={EventList.PageSize}");
    }

    [Fact]
    public void Kind_Chosen_FiltersOnTheServer()
    {
        var list = RenderList();
        list.WaitForAssertion(() => Assert.NotEmpty(Steps(list)));

        list.Find("select").Change(RunEventKinds.NonFinite);

        list.WaitForAssertion(() => Assert.Equal(["7"], Steps(list)));
        Assert.Contains(Http.Requests, r => r == $"GET api/runs/{_id}/events?kind=non-finite&page=1&pageSize={EventList.PageSize}");
    }

    [Fact]
    public void LiveEvents_WhileOnTheFirstPage_RefreshTheTotalAfterTheInterval()
    {
        var data = Data(RunStatus.Running);
        var list = RenderList(data);
        list.WaitForAssertion(() => Assert.Equal("page 1 of 3 · 250 events", list.Find("[data-testid=events-page]").TextContent));

        _stored = 350;
        data.Apply(Wire.Batch(_id, 1, 1, [.. Enumerable.Range(0, 100).Select(_ => new RunEventMessage(1, RunEventKinds.Clipping, null, 2.0, "clipped"))]));
        Clock.Advance(EventList.RefreshInterval);
        list.Render();

        list.WaitForAssertion(() => Assert.Equal("page 1 of 4 · 350 events", list.Find("[data-testid=events-page]").TextContent));
        Assert.Equal("1", Steps(list)[0]);
    }
}
