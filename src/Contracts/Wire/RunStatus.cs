using System.Text.Json.Serialization;

namespace GradientService.Contracts.Wire;

/// <summary>Life cycle of a run: queued → running → one of the four final states.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
    [JsonStringEnumMemberName("failed")] Failed,
    /// <summary>A loss or gradient became NaN or ±∞; the run records the step and layer.</summary>
    [JsonStringEnumMemberName("diverged")] Diverged,
}

/// <summary>Helpers on <see cref="RunStatus"/>.</summary>
public static class RunStatusExtensions
{
    /// <summary>True for completed, cancelled, failed and diverged: the run will not change again.</summary>
    public static bool IsFinal(this RunStatus status) => status >= RunStatus.Completed;
}
