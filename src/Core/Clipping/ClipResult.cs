namespace GradientService.Core.Clipping;

/// <summary>What one clipping call did to the gradient.</summary>
/// <param name="NormBefore">‖g‖₂ over every parameter before clipping (float64; may be NaN or ∞).</param>
/// <param name="NormAfter">‖g‖₂ after clipping, measured on the clipped values (= NormBefore when nothing changed).</param>
/// <param name="Scale">global-norm: the factor applied, min(1, τ/(‖g‖ + 10⁻⁶)); the other modes: NormAfter/NormBefore; 1 when unclipped.</param>
/// <param name="ClippedGroups">Layer groups whose gradient changed (global-norm: all of them when it scales).</param>
public readonly record struct ClipResult(double NormBefore, double NormAfter, double Scale, int ClippedGroups)
{
    /// <summary>A clipping event: the gradient was scaled down or some element or group was clipped.</summary>
    public bool Clipped => Scale < 1 || ClippedGroups > 0;
}
