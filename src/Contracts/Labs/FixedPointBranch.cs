using System.Text.Json.Serialization;

namespace GradientService.Contracts.Labs;

/// <summary>
/// Which branch of the one-neuron network's fixed-point curve b = ln(x/(1−x)) − w·x a fixed point lies on. For w &gt; 4 the
/// curve folds at the two saddle-node points x = (1 ± √(1 − 4/w))/2: lower (stable), middle (unstable), upper (stable).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<FixedPointBranch>))]
public enum FixedPointBranch
{
    /// <summary>w ≤ 4: one fixed point for every b, always stable.</summary>
    [JsonStringEnumMemberName("single")] Single,
    /// <summary>x below the lower saddle-node point: stable.</summary>
    [JsonStringEnumMemberName("lower")] Lower,
    /// <summary>Between the saddle-node points: unstable, the separatrix between the two basins.</summary>
    [JsonStringEnumMemberName("middle")] Middle,
    /// <summary>x above the upper saddle-node point: stable.</summary>
    [JsonStringEnumMemberName("upper")] Upper,
}
