using System.Text.Json.Serialization;

namespace GradientService.Api.Series;

/// <summary>A per-layer probe (see <c>GradientService.Core.Probes.LayerStats</c> for the definitions).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LayerField>))]
public enum LayerField
{
    /// <summary>‖∂L/∂W_l‖₂ before clipping.</summary>
    [JsonStringEnumMemberName("weightGradNorm")] WeightGradNorm,
    /// <summary>‖∂L/∂b_l‖₂ before clipping (the layer's learning speed).</summary>
    [JsonStringEnumMemberName("biasGradNorm")] BiasGradNorm,
    /// <summary>‖δ_l‖₂ = ‖∂L/∂z_l‖₂.</summary>
    [JsonStringEnumMemberName("deltaNorm")] DeltaNorm,
    /// <summary>‖W_l‖₂.</summary>
    [JsonStringEnumMemberName("weightNorm")] WeightNorm,
    /// <summary>‖ΔW_l‖ / ‖W_l‖.</summary>
    [JsonStringEnumMemberName("updateRatio")] UpdateRatio,
    [JsonStringEnumMemberName("activationMean")] ActivationMean,
    [JsonStringEnumMemberName("activationStd")] ActivationStd,
    /// <summary>Share of entries in the activation's flat region.</summary>
    [JsonStringEnumMemberName("saturation")] Saturation,
    /// <summary>Share of units that are 0 for the whole batch.</summary>
    [JsonStringEnumMemberName("deadFraction")] DeadFraction,
    /// <summary>Gradient entries that were NaN or ±∞.</summary>
    [JsonStringEnumMemberName("nonFiniteCount")] NonFiniteCount,
}
