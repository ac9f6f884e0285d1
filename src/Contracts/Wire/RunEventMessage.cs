namespace GradientService.Contracts.Wire;

/// <summary>
/// Something notable at one step: a clipping event, non-finite gradients, divergence (see <see cref="RunEventKinds"/>).
/// <c>Layer</c>: 1-based layer concerned, or null for the whole network.
/// <c>Value</c>: The measured number (clipping: ‖g‖ before; non-finite: entries affected).
/// </summary>
public sealed record RunEventMessage(int Step, string Kind, int? Layer, double? Value, string Message);

/// <summary>The event kinds the service records.</summary>
public static class RunEventKinds
{
    /// <summary>The gradient was clipped (scale &lt; 1); value = ‖g‖ before clipping.</summary>
    public const string Clipping = "clipping";

    /// <summary>Some gradient entries were NaN or ±∞; layer = the first such layer.</summary>
    public const string NonFinite = "non-finite";

    /// <summary>Training stopped because the loss or gradients became non-finite.</summary>
    public const string Diverged = "diverged";

    public static readonly IReadOnlyList<string> All = [Clipping, NonFinite, Diverged];
}
