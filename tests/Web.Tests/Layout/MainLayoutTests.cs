using GradientService.Contracts.Wire;
using GradientService.Web.Layout;
using GradientService.Web.Live;
using GradientService.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace GradientService.Web.Tests.Layout;

public sealed class MainLayoutTests : DashboardContext
{
    private readonly FirstLookRehearsal _rehearsal = new();

    public MainLayoutTests()
    {
        Services.AddSingleton(_rehearsal);
        Services.AddSingleton(Http.Client(new FirstLookRehearsal.Handler(_rehearsal)));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("?sort=-created", true)]
    [InlineData("runs/new", true)]
    [InlineData("runs/3f2504e0-4f89-11d3-9a0c-0305e82c3301", false)]
    [InlineData("runs/3f2504e0-4f89-11d3-9a0c-0305e82c3301/?tab=layers#grid", false)]
    [InlineData("compare?ids=3f2504e0-4f89-11d3-9a0c-0305e82c3301", false)]
    [InlineData("sweeps/3f2504e0-4f89-11d3-9a0c-0305e82c3301", false)]
    public void RehearsesOn_TheRunsListAndTheNewRunFormOnly(string path, bool expected)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(path);

        Assert.Equal(expected, MainLayout.RehearsesOn(navigation));
    }

    private IRenderedComponent<MainLayout> Layout() =>
        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p data-testid=\"shown\">the runs list</p>"))));

    [Fact]
    public void Rehearse_OpensTheRunPageOnTheMadeUpRunOutOfSight_AndTakesItAwayOnceItOpened()
    {
        var layout = Layout();

        _ = layout.InvokeAsync(layout.Instance.RehearseAsync);

        layout.WaitForAssertion(() => Assert.Single(Stream.Subscriptions)); // the page went through its whole opening
        var subscription = Stream.Subscriptions[0];
        Assert.Equal(FirstLookRehearsal.RunId, subscription.RunId);
        Assert.Equal(FirstLookRehearsal.Steps, subscription.LastStep); // its history came in first
        layout.WaitForAssertion(() => Assert.Empty(layout.FindAll(".rehearsal")));
        Assert.True(subscription.Disposed);
        Assert.False(_rehearsal.On);
        Assert.True(Http.Requests.Count == 0, string.Join("\n", Http.Requests)); // every answer came from the rehearsal, none from the Api
        Assert.NotEmpty(layout.FindAll("[data-testid=shown]"));
    }

    [Fact]
    public async Task Rehearse_EndsWhenTheUserMovesToAnotherPage_AndThePageLetsGoOfItsLateSubscription()
    {
        var layout = Layout();
        Stream.Held = new TaskCompletionSource(); // the hub has not answered yet: the page has not opened

        _ = layout.InvokeAsync(layout.Instance.RehearseAsync);
        layout.WaitForAssertion(() => Assert.Single(Stream.Subscriptions));
        Assert.NotEmpty(layout.FindAll(".rehearsal [data-testid=heatmap]"));
        await layout.InvokeAsync(() => Services.GetRequiredService<NavigationManager>().NavigateTo("runs/new"));

        layout.WaitForAssertion(() => Assert.Empty(layout.FindAll(".rehearsal")));
        Assert.False(_rehearsal.On);
        await layout.InvokeAsync(() => Stream.Held.SetResult());
        layout.WaitForAssertion(() => Assert.True(Stream.Subscriptions[0].Disposed));
    }

    [Fact]
    public void Rehearse_EndsAfterItsLimitWhenThePageNeverSaysItOpened()
    {
        var layout = Layout();
        Stream.Held = new TaskCompletionSource();

        _ = layout.InvokeAsync(layout.Instance.RehearseAsync);
        layout.WaitForAssertion(() => Assert.Single(Stream.Subscriptions));
        Clock.Advance(MainLayout.RehearsalLimit - TimeSpan.FromSeconds(1));
        Assert.NotEmpty(layout.FindAll(".rehearsal"));
        Clock.Advance(TimeSpan.FromSeconds(1));

        layout.WaitForAssertion(() => Assert.Empty(layout.FindAll(".rehearsal")));
        Assert.False(_rehearsal.On);
    }
}
