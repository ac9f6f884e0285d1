using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using GradientService.Core.Layers;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;

namespace GradientService.Core.Models;

/// <summary>mlp (<see cref="MlpSpec"/>) and residual-mlp (<see cref="ResidualMlpSpec"/>): dense layers, one row per example.</summary>
internal sealed class FeedForwardArchitecture<TSpec> : ModelArchitecture where TSpec : FeedForwardSpec
{
    public override Type SpecType => typeof(TSpec);

    public override bool TakesSequences => false;

    public override string ActivationFormula => "rows × hidden units";

    public override void Check(ModelSpec model, SpecErrorList errors)
    {
        base.Check(model, errors);
        var spec = (FeedForwardSpec)model;
        if (spec is MlpSpec { Widths: { } widths } && errors.Between("model.widths", widths.Length, 1, Limits.MaxDepth))
            for (var i = 0; i < widths.Length; i++) errors.Between($"model.widths[{i}]", widths[i], 1, Limits.MaxWidth);
        errors.Defined("model.normalization", spec.Normalization);
        errors.AboveAtMost("model.normEpsilon", spec.NormEpsilon, 0, Limits.MaxNormEpsilon);
        errors.Between("model.normMomentum", spec.NormMomentum, 0, 1);
        if (spec is ResidualMlpSpec residual && errors.Between("model.blockSize", residual.BlockSize, 1, Limits.MaxBlockSize)
            && residual.Depth >= 1 && (residual.Depth - 1) % residual.BlockSize != 0)
            errors.Add("model.depth", $"residual-mlp is one input projection plus whole blocks of {residual.BlockSize} layers, so depth must be 1 + a multiple of {residual.BlockSize}; got {residual.Depth}");
    }

    public override void CheckInit(ModelSpec model, InitSpec init, SpecErrorList errors) => RejectRecurrentInit(model, init, errors);

    /// <summary>Σ_l (fan_in·n_l + n_l), plus γ and β (2n_l) per normalised hidden layer, plus the read-out.</summary>
    public override long Parameters(ModelSpec model, DataShape shape)
    {
        var normalised = ((FeedForwardSpec)model).Normalization != Normalization.None;
        long total = 0;
        long fanIn = shape.InputSize;
        foreach (long n in ((FeedForwardSpec)model).HiddenWidths())
        {
            total += fanIn * n + n + (normalised ? 2 * n : 0);
            fanIn = n;
        }
        return total + fanIn * shape.OutputSize + shape.OutputSize;
    }

    /// <summary>rows × Σ hidden widths.</summary>
    public override long ActivationElements(ModelSpec model, DataShape shape, int rows) => rows * ((FeedForwardSpec)model).HiddenWidths().Sum(w => (long)w);

    public override INetwork<T> Build<T>(ModelSpec model, OutputLayer output, Dataset data, int capacity, MatrixProduct<T> mm) =>
        new FeedForwardNet<T>((FeedForwardSpec)model, data.InputSize, data.OutputSize, capacity, mm, output);
}
