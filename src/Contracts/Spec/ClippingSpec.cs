using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace GradientService.Contracts.Spec;

/// <summary>Gradient clipping (Pascanu, Mikolov &amp; Bengio 2013).</summary>
public sealed record ClippingSpec
{
    [Description("global-norm: g ← g·min(1, τ/‖g‖), keeps the direction; value: clamp each entry to ±c (changes the direction); per-layer-norm: each layer's norm capped separately.")]
    public ClippingMode Mode { get; init; } = ClippingMode.None;

    /// <summary>τ for the norm modes (g ← g·min(1, τ/‖g‖)); c for value clipping (g ← clamp(g, −c, c)).</summary>
    [Range(0, Limits.MaxThreshold)]
    [ShownWhen("clipping.mode", "global-norm", "value", "per-layer-norm")]
    [Description("τ (norm modes) or c (value mode). Steps whose ‖g‖ exceeds it are clipping events, marked on the charts.")]
    public double Threshold { get; init; } = 1.0;
}
