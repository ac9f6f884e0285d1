namespace GradientService.Web.Components;

/// <summary>A view the run page redraws on its render tick (it redraws only when its data changed).</summary>
public interface ILiveView
{
    Task RefreshAsync();
}
