namespace GradientService.Web.Components;

/// <summary>How a chart names layer l: its number and, when the model gave one, its PyTorch name ("layer 3 · layers.1.self_attn").</summary>
public static class LayerLabel
{
    public static string Of(int layer, IReadOnlyList<string> names) =>
        layer >= 1 && layer <= names.Count && names[layer - 1].Length > 0 ? $"layer {layer} · {names[layer - 1]}" : $"layer {layer}";
}
