namespace GradientService.Api.Hubs;

/// <summary>How a subscriber's messages reach its connection (<see cref="HubConnections"/>: SignalR's own connection of this process).</summary>
public interface ILiveTransport
{
    /// <summary>Sends <see cref="LiveMessage"/>s to <paramref name="connectionId"/>; null when the connection is gone.</summary>
    Func<LiveMessage, ValueTask>? SenderFor(string connectionId);
}
