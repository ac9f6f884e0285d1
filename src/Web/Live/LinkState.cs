namespace GradientService.Web.Live;

/// <summary>State of the one hub connection, as the dashboard shows it.</summary>
public enum LinkState
{
    Connecting,
    Live,
    Reconnecting,
    Offline,
}
