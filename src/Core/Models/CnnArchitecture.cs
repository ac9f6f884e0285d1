using GradientService.Contracts.Spec;
using GradientService.Core.Convolution;
using GradientService.Core.Data;
using GradientService.Core.Layers;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;

namespace GradientService.Core.Models;

/// <summary>
/// cnn (<see cref="CnnSpec"/>): a convolutional net on image data sets, built from its layer list (the explicit one, or
/// the shorthand expanded by <see cref="CnnLayerList.Expand"/>).
/// </summary>
internal sealed class CnnArchitecture : ModelArchitecture
{
    public override Type SpecType => typeof(CnnSpec);

    public override bool TakesSequences => false;

    public override string ActivationFormula => "rows × Σ values of every entry's output (six maps per residual block)";

    public override void Check(ModelSpec model, SpecErrorList errors)
    {
        base.Check(model, errors);
        var spec = (CnnSpec)model;
        errors.Defined("model.block", spec.Block);
        errors.Defined("model.normalization", spec.Normalization);
        if (spec.Normalization == Normalization.LayerNorm) errors.Add("model.normalization", "a cnn takes batch-norm or none (layer norm is not offered for images)");
        errors.AboveAtMost("model.normEpsilon", spec.NormEpsilon, 0, Limits.MaxNormEpsilon);
        errors.Between("model.normMomentum", spec.NormMomentum, 0, 1);
        if (errors.Between("model.kernelSize", spec.KernelSize, 1, Limits.MaxKernelSize) && spec.KernelSize % 2 == 0)
            errors.Add("model.kernelSize", SpecErrorList.Invariant($"must be odd (padded by kernelSize / 2 to keep the size); got {spec.KernelSize}"));
        if (errors.Between("model.stages", spec.Stages, 1, Limits.MaxStages) && spec.Layers is null && !errors.Any("model.depth"))
        {
            var per = spec.Block == CnnBlock.Residual ? 2 * spec.Stages : spec.Stages;
            if (spec.Depth % per != 0)
                errors.Add("model.depth", spec.Block == CnnBlock.Residual
                    ? SpecErrorList.Invariant($"counts the body's convolutions, two per residual block, in {spec.Stages} stage(s): it must be a multiple of {per}; got {spec.Depth}")
                    : SpecErrorList.Invariant($"must be a multiple of the {spec.Stages} stage(s); got {spec.Depth}"));
            else if ((long)spec.Width << (spec.Stages - 1) > Limits.MaxWidth)
                errors.Add("model.width", SpecErrorList.Invariant($"doubles in each of {spec.Stages} stages and must stay at most {Limits.MaxWidth}; got {spec.Width}"));
        }
        if (spec.Layers is { } layers) CnnLayerList.CheckKeys(layers, errors);
    }

    public override void CheckInit(ModelSpec model, InitSpec init, SpecErrorList errors) =>
        new FeedForwardArchitecture<MlpSpec>().CheckInit(model, init, errors);

    public override void CheckTask(ModelSpec model, DataShape shape, string dataName, SpecErrorList errors)
    {
        if (shape.Image is not { } image)
        {
            errors.Add("model.architecture", $"cnn needs image data (mnist, or another data set of C×H×W images); {dataName} is not one");
            return;
        }
        if (errors.Any("model")) return;
        CnnLayerList.Resolve(CnnLayerList.Of((CnnSpec)model, shape.OutputSize), image, shape.OutputSize, errors);
    }

    /// <summary>The resolved entries; null for a spec or data the checks reject (the sizes of those are not asked for).</summary>
    private CnnEntry[]? Entries(ModelSpec model, DataShape shape)
    {
        var errors = new SpecErrorList();
        Check(model, errors);
        if (shape.Image is not { } image || errors.Count > 0) return null;
        return CnnLayerList.Resolve(CnnLayerList.Of((CnnSpec)model, shape.OutputSize), image, shape.OutputSize, errors);
    }

    /// <summary>Σ over the entries: conv k·k·in·out (+ out), bn 2C, linear in·out (+ out), residual both convs, bns and projection.</summary>
    public override long Parameters(ModelSpec model, DataShape shape) => Entries(model, shape)?.Sum(e => e.Parameters) ?? 0;

    /// <summary>rows × Σ values each entry keeps for backprop.</summary>
    public override long ActivationElements(ModelSpec model, DataShape shape, int rows) => rows * (Entries(model, shape)?.Sum(e => e.Kept) ?? 0);

    public override INetwork<T> Build<T>(ModelSpec model, OutputLayer output, Dataset data, int capacity, MatrixProduct<T> mm)
    {
        var spec = (CnnSpec)model;
        var image = data.Image ?? throw new ArgumentException($"{data.Name} is not an image data set.", nameof(data));
        var errors = new SpecErrorList();
        var entries = CnnLayerList.Resolve(CnnLayerList.Of(spec, data.OutputSize), image, data.OutputSize, errors)
            ?? throw new ArgumentException(string.Join("; ", errors.Errors.Select(e => $"{e.Field}: {e.Message}")), nameof(model));
        return new CnnNet<T>(entries, spec.NormMomentum, capacity, mm);
    }

    /// <summary>The oracle's cnn settings: the resolved layer list (every default filled in) and the loss.</summary>
    public override IEnumerable<(string Key, string Value)> ExportMetadata<T>(RunSpec spec, INetwork<T> net) =>
        ((CnnNet<T>)net).ExportMetadata(spec.Training.Loss);
}
