using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace GradientService.Api.Hubs;

/// <summary>
/// A live message to a run's subscribers (a <see cref="StepBatch"/>, a <see cref="LiveDigest"/> or a
/// <see cref="RunStatusMessage"/>) as a hub invocation of <see cref="IRunStreamClient"/>. SignalR's
/// <see cref="SerializedHubMessage"/> serialises it at most once per hub protocol (JSON, MessagePack), and only when a
/// connection of that protocol is sent it, handing every such connection the same bytes.
/// </summary>
public sealed class LiveMessage
{
    /// <param name="payload">What plain subscribers are sent.</param>
    /// <param name="whole">
    /// A batch before its layer frames were thinned to the message budget (null: <paramref name="payload"/> is whole): a
    /// subscriber with a <see cref="LiveView"/> aggregates every frame, so its spikes keep their exact value and step.
    /// </param>
    public LiveMessage(object payload, StepBatch? whole = null)
    {
        Payload = payload;
        Whole = whole ?? payload as StepBatch;
        var target = payload switch
        {
            StepBatch => nameof(IRunStreamClient.StepBatch),
            LiveDigest => nameof(IRunStreamClient.LiveDigest),
            RunStatusMessage => nameof(IRunStreamClient.StatusChanged),
            _ => throw new ArgumentException($"Not a live message: {payload.GetType().Name}.", nameof(payload)),
        };
        Serialized = new SerializedHubMessage(new InvocationMessage(target, [payload]));
    }

    public object Payload { get; }

    /// <summary>The batch with every layer frame (the payload itself unless it was thinned); null for other messages.</summary>
    public StepBatch? Whole { get; }

    public SerializedHubMessage Serialized { get; }
}
