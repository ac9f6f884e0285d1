using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using GradientService.Core.Layers;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;
using GradientService.Core.Transformer;

namespace GradientService.Core.Models;

/// <summary>transformer (<see cref="TransformerSpec"/>): an encoder stack on sequences (<see cref="TransformerNet{T}"/>).</summary>
internal sealed class TransformerArchitecture : ModelArchitecture
{
    public override Type SpecType => typeof(TransformerSpec);

    public override bool TakesSequences => true;

    public override string ActivationFormula => "rows × T × ((N + 1)·E + N·(5E + 2F + H·T, + 2E pre-ln))";

    public override void Check(ModelSpec model, SpecErrorList errors)
    {
        base.Check(model, errors);
        var spec = (TransformerSpec)model;
        if (errors.Between("model.heads", spec.Heads, 1, Limits.MaxHeads) && !errors.Any("model.width") && spec.Width % spec.Heads != 0)
            errors.Add("model.heads", SpecErrorList.Invariant($"must divide the width (d_model) {spec.Width}: each head attends with width / heads dimensions; got {spec.Heads}"));
        if (spec.FeedForward is { } feedForward) errors.Between("model.feedForward", feedForward, 1, Limits.MaxWidth);
        errors.Defined("model.placement", spec.Placement);
        errors.Defined("model.readout", spec.Readout);
        errors.AboveAtMost("model.normEpsilon", spec.NormEpsilon, 0, Limits.MaxNormEpsilon);
        if (spec.MaxPositions is { } positions) errors.Between("model.maxPositions", positions, 1, Limits.MaxSequenceLength);
    }

    public override void CheckInit(ModelSpec model, InitSpec init, SpecErrorList errors) => RejectRecurrentInit(model, init, errors);

    /// <summary>The learned positions must cover the data's sequence length. A data set with a target at every step is
    /// read as the recurrent nets' last read-out reads it: the last step's target.</summary>
    public override void CheckTask(ModelSpec model, DataShape shape, string dataName, SpecErrorList errors)
    {
        var spec = (TransformerSpec)model;
        if (spec.MaxPositions is { } positions && !errors.Any("model.maxPositions") && positions < shape.SequenceLength)
            errors.Add("model.maxPositions", SpecErrorList.Invariant($"must be at least {dataName}'s sequence length {shape.SequenceLength} (one learned position per step); got {positions}"));
    }

    /// <summary>The oracle's transformer keys (PyTorch's argument names; the activation in its snake_case spelling).</summary>
    public override IEnumerable<(string Key, string Value)> ExportMetadata<T>(RunSpec run, INetwork<T> net)
    {
        var spec = (TransformerSpec)run.Model;
        yield return ("model", "transformer");
        yield return ("nhead", Invariant(spec.Heads));
        yield return ("norm_first", spec.Placement == NormPlacement.PreLn ? "true" : "false");
        yield return ("causal", spec.Causal ? "true" : "false");
        yield return ("readout", SpecErrorList.Name(spec.Readout));
        yield return ("layer_norm_eps", Invariant(spec.NormEpsilon));
        yield return ("activation", SpecErrorList.Name(spec.Activation).Replace('-', '_'));
        if (spec.Activation == ActivationKind.LeakyRelu) yield return ("leaky_relu_slope", Invariant(spec.LeakyReluSlope));
        if (spec.Activation == ActivationKind.Elu) yield return ("elu_alpha", Invariant(spec.EluAlpha));
        yield return ("d_model", Invariant(spec.Width));
        yield return ("dim_feedforward", Invariant(spec.FeedForwardWidth()));
    }

    private static string Invariant(IFormattable value) => value.ToString(null, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// input_proj in·E + E, pos T_max·E, per block in_proj 3E² + 3E, out_proj E² + E, linear1 F·E + F, linear2 E·F + E and
    /// two layer norms 4E, the final norm 2E, the head E·C + C.
    /// </summary>
    public override long Parameters(ModelSpec model, DataShape shape)
    {
        var spec = (TransformerSpec)model;
        long e = spec.Width, f = spec.FeedForwardWidth();
        long positions = spec.MaxPositions ?? shape.SequenceLength;
        var block = 3 * e * e + 3 * e + e * e + e + f * e + f + e * f + e + 4 * e;
        return shape.InputSize * e + e + positions * e + spec.Depth * block + (spec.HasFinalNorm() ? 2 * e : 0) + e * shape.OutputSize + shape.OutputSize;
    }

    /// <summary>Per row and step: the N + 1 residual streams and per block q, k, v, ctx, the middle stream, u and φ(u), the
    /// attention weights (H·T), and pre-ln's two normed inputs.</summary>
    public override long ActivationElements(ModelSpec model, DataShape shape, int rows)
    {
        var spec = (TransformerSpec)model;
        long e = spec.Width, f = spec.FeedForwardWidth(), t = shape.SequenceLength;
        var block = 5 * e + 2 * f + spec.Heads * t + (spec.Placement == NormPlacement.PreLn ? 2 * e : 0);
        return rows * t * ((spec.Depth + 1) * e + spec.Depth * block);
    }

    public override INetwork<T> Build<T>(ModelSpec model, OutputLayer output, Dataset data, int capacity, MatrixProduct<T> mm) =>
        new TransformerNet<T>((TransformerSpec)model, data.InputSize, data.OutputSize, data.SequenceLength, capacity, mm);
}
