namespace GradientService.Contracts.Spec;

/// <summary>Gradient clipping (Pascanu, Mikolov &amp; Bengio 2013).</summary>
public sealed record ClippingSpec
{
    public ClippingMode Mode { get; init; } = ClippingMode.None;

    /// <summary>τ for the norm modes (g ← g·min(1, τ/‖g‖)); c for value clipping (g ← clamp(g, −c, c)).</summary>
    public double Threshold { get; init; } = 1.0;
}
