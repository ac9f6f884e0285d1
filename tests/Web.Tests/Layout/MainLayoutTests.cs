using GradientService.Web.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace GradientService.Web.Tests.Layout;

public sealed class MainLayoutTests : BunitContext
{
    [Theory]
    [InlineData("runs/3f2504e0-4f89-11d3-9a0c-0305e82c3301", true)]
    [InlineData("runs/3f2504e0-4f89-11d3-9a0c-0305e82c3301/?tab=layers#grid", true)]
    [InlineData("", false)]
    [InlineData("runs", false)]
    [InlineData("runs/new", false)]
    [InlineData("sweeps/3f2504e0-4f89-11d3-9a0c-0305e82c3301", false)]
    public void OpensOnRunPage_IsTheRunPagesRouteOnly(string path, bool expected)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(path);

        Assert.Equal(expected, MainLayout.OpensOnRunPage(navigation));
    }
}
