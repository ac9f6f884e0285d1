using GradientService.Contracts.Wire;

namespace GradientService.Web.Live;

/// <summary>A per-layer probe the dashboard can show: its Api name, a label with units, what it tells, and how to read it from a frame.</summary>
public sealed record LayerField(string Name, string Label, string Explains, Func<LayerFrame, double[]> Read);

/// <summary>The per-layer fields held in the browser, in the order of <see cref="LayerGrid"/>'s storage.</summary>
public static class LayerFields
{
    public static readonly IReadOnlyList<LayerField> All =
    [
        new("weightGradNorm", "‖∂L/∂W_l‖ (Frobenius)", "How large the weight gradient of each layer is: a fade towards the input is vanishing, growth is exploding.", f => f.WeightGradNorm),
        new("deltaNorm", "‖δ_l‖ = ‖∂L/∂z_l‖", "The backpropagated error at each layer's pre-activation: the signal the chain rule carries down.", f => f.DeltaNorm),
        new("biasGradNorm", "‖∂L/∂b_l‖", "The bias gradient: the per-layer learning speed of Nielsen's experiment.", f => f.BiasGradNorm),
        new("updateRatio", "‖ΔW_l‖ / ‖W_l‖", "How much each step changes the weights, relative to their size (about 1e-3 is healthy).", f => f.UpdateRatio),
        new("saturation", "saturated share of units", "Units in an activation's flat tails, where φ′ ≈ 0 and the gradient stops.", f => f.Saturation),
        new("deadFraction", "dead share of units (φ′ = 0)", "Units whose slope is zero for the whole batch (dead ReLUs).", f => f.DeadFraction),
        new("activationStd", "std of h_l", "Spread of each layer's output: it shrinks or grows with depth like the gradient.", f => f.ActivationStd),
        new("weightNorm", "‖W_l‖ (Frobenius)", "Size of each layer's weights.", f => f.WeightNorm),
    ];

    public static int IndexOf(string name)
    {
        for (var i = 0; i < All.Count; i++) if (All[i].Name == name) return i;
        return 0;
    }
}
