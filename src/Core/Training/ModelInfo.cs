namespace GradientService.Core.Training;

/// <summary>One linear layer as telemetry and export name it: <c>layers.{Index−1}</c> for feedforward nets.</summary>
/// <param name="Index">1-based, input side first; the read-out is last.</param>
/// <param name="Name">The PyTorch-style tensor prefix (e.g. "layers.0", "rnn.l0", "head").</param>
/// <param name="Inputs">fan-in.</param>
/// <param name="Outputs">fan-out (all gates together for a recurrent layer).</param>
/// <param name="Kind">"dense", "readout", "rnn", "lstm" or "gru".</param>
public sealed record LayerInfo(int Index, string Name, int Inputs, int Outputs, string Kind);

/// <summary>The shape of a built model; <c>OutputDepths</c> is a hierarchical-softmax read-out's tree depth ⌈log₂C⌉ (one gradient norm per depth is recorded), else 0.</summary>
public sealed record ModelInfo(IReadOnlyList<LayerInfo> Layers, long ParameterCount, int RecurrentLayers, int Gates, int SequenceLength, int OutputDepths = 0);
