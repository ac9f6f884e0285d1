using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace GradientService.Api.Hubs;

/// <summary>
/// A live message to a run's subscribers (a <see cref="StepBatch"/> or a <see cref="RunStatusMessage"/>) as a hub
/// invocation of <see cref="IRunStreamClient"/>. SignalR's <see cref="SerializedHubMessage"/> serialises it at most once
/// per hub protocol (JSON, MessagePack) and hands every connection of that protocol the same bytes.
/// </summary>
public sealed class LiveMessage
{
    public LiveMessage(object payload)
    {
        Payload = payload;
        var target = payload switch
        {
            StepBatch => nameof(IRunStreamClient.StepBatch),
            RunStatusMessage => nameof(IRunStreamClient.StatusChanged),
            _ => throw new ArgumentException($"Not a live message: {payload.GetType().Name}.", nameof(payload)),
        };
        Serialized = new SerializedHubMessage(new InvocationMessage(target, [payload]));
    }

    public object Payload { get; }

    public SerializedHubMessage Serialized { get; }
}
