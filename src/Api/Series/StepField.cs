using System.Text.Json.Serialization;

namespace GradientService.Api.Series;

/// <summary>A scalar per-step series.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepField>))]
public enum StepField
{
    [JsonStringEnumMemberName("loss")] Loss,
    [JsonStringEnumMemberName("trainAccuracy")] TrainAccuracy,
    /// <summary>Held-out loss; only on evaluation steps.</summary>
    [JsonStringEnumMemberName("testLoss")] TestLoss,
    [JsonStringEnumMemberName("testAccuracy")] TestAccuracy,
    [JsonStringEnumMemberName("learningRate")] LearningRate,
    /// <summary>‖g‖₂ before clipping.</summary>
    [JsonStringEnumMemberName("gradNormBefore")] GradNormBefore,
    /// <summary>‖g‖₂ after clipping.</summary>
    [JsonStringEnumMemberName("gradNormAfter")] GradNormAfter,
    /// <summary>min(1, τ/‖g‖) for global-norm clipping; 1 when not clipped.</summary>
    [JsonStringEnumMemberName("clipScale")] ClipScale,
}
