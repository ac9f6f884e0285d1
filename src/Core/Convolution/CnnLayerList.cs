using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using GradientService.Core.Spec;

namespace GradientService.Core.Convolution;

/// <summary>
/// A cnn's layer list: the shorthand's expansion (<see cref="Expand"/>), the checks of each entry's keys
/// (<see cref="CheckKeys"/>) and their resolution against the input image (<see cref="Resolve"/>), with the oracle's
/// defaults (../shared/oracle/README.md, "CNN file"). Every problem is named by its field, e.g. model.layers[3].kernel_size.
/// </summary>
internal static class CnnLayerList
{
    /// <summary>PyTorch's nn.BatchNorm2d eps.</summary>
    public const double DefaultEps = 1e-5;

    /// <summary>PyTorch's nn.LeakyReLU negative_slope.</summary>
    public const double DefaultNegativeSlope = 0.01;

    /// <summary>PyTorch's nn.ELU alpha.</summary>
    public const double DefaultAlpha = 1.0;

    /// <summary>A residual block's kernel when not given (ResNet's 3×3).</summary>
    public const int ResidualKernel = 3;

    private static readonly Dictionary<string, ActivationKind> Activations = new()
    {
        ["relu"] = ActivationKind.Relu, ["tanh"] = ActivationKind.Tanh, ["sigmoid"] = ActivationKind.Sigmoid,
        ["gelu"] = ActivationKind.Gelu, ["silu"] = ActivationKind.Silu, ["elu"] = ActivationKind.Elu,
        ["leaky_relu"] = ActivationKind.LeakyRelu, ["identity"] = ActivationKind.Identity,
    };

    private static readonly Dictionary<string, CnnOp> Types = new()
    {
        ["conv2d"] = CnnOp.Conv2d, ["batchnorm2d"] = CnnOp.BatchNorm2d, ["maxpool2d"] = CnnOp.MaxPool2d, ["avgpool2d"] = CnnOp.AvgPool2d,
        ["global_avgpool"] = CnnOp.GlobalAvgPool, ["global-avgpool"] = CnnOp.GlobalAvgPool, ["flatten"] = CnnOp.Flatten,
        ["linear"] = CnnOp.Linear, ["residual"] = CnnOp.Residual,
    };

    /// <summary>The PyTorch name of an activation (leaky_relu, not the product's leaky-relu).</summary>
    public static string NameOf(ActivationKind kind) => Activations.First(a => a.Value == kind).Key;

    /// <summary>The list the net is built from: the explicit <see cref="CnnSpec.Layers"/>, or the shorthand expanded.</summary>
    public static CnnLayerSpec[] Of(CnnSpec spec, int classes) => spec.Layers ?? Expand(spec, classes);

    /// <summary>
    /// The shorthand as a list (He et al. 2016, §4.2): a stem conv in → width (kernel k, padding k/2, no bias with batch
    /// norm) [+ batchnorm2d] + φ; then depth convolutions in stages — plain: conv [+ bn] + φ each; residual: depth/2
    /// blocks — where the first conv or block of each later stage has stride 2 and twice the channels; global_avgpool;
    /// linear to the classes.
    /// </summary>
    public static CnnLayerSpec[] Expand(CnnSpec spec, int classes)
    {
        var bn = spec.Normalization == Normalization.BatchNorm;
        var k = spec.KernelSize;
        var activation = ActivationEntry(spec.Activation, spec.LeakyReluSlope, spec.EluAlpha);
        var list = new List<CnnLayerSpec>();
        void Conv(int channels, int stride)
        {
            list.Add(new() { Type = "conv2d", OutChannels = channels, KernelSize = k, Stride = stride, Padding = k / 2, Bias = !bn });
            if (bn) list.Add(new() { Type = "batchnorm2d", Eps = spec.NormEpsilon });
            list.Add(activation);
        }
        Conv(spec.Width, 1);
        var stages = Math.Max(1, spec.Stages);
        var residual = spec.Block == CnnBlock.Residual;
        var perStage = Math.Max(1, spec.Depth / stages / (residual ? 2 : 1));
        for (var s = 0; s < stages; s++)
            for (var i = 0; i < perStage; i++)
            {
                var channels = spec.Width << s;
                var stride = s > 0 && i == 0 ? 2 : 1;
                if (!residual) Conv(channels, stride);
                else list.Add(new()
                {
                    Type = "residual", OutChannels = channels, KernelSize = k, Stride = stride, Bias = !bn, Eps = spec.NormEpsilon,
                    Activation = activation.Type, NegativeSlope = activation.NegativeSlope, Alpha = activation.Alpha, BatchNorm = bn ? null : false,
                });
            }
        list.Add(new() { Type = "global_avgpool" });
        list.Add(new() { Type = "linear", OutFeatures = classes });
        return [.. list];
    }

    private static CnnLayerSpec ActivationEntry(ActivationKind kind, double slope, double alpha) => new()
    {
        Type = Activations.FirstOrDefault(a => a.Value == kind).Key ?? "relu",
        NegativeSlope = kind == ActivationKind.LeakyRelu ? slope : null,
        Alpha = kind == ActivationKind.Elu ? alpha : null,
    };

    /// <summary>Each entry's type, the keys it takes and their ranges (no sizes: those need the data, <see cref="Resolve"/>).</summary>
    public static void CheckKeys(CnnLayerSpec?[] layers, SpecErrorList errors)
    {
        if (!errors.Between("model.layers", layers.Length, 1, Limits.MaxCnnLayers)) return;
        for (var i = 0; i < layers.Length; i++)
        {
            var field = $"model.layers[{i}]";
            if (layers[i] is not { } entry)
            {
                errors.Add(field, "must be an object with a type");
                continue;
            }
            if (entry.Type is null || !Types.ContainsKey(entry.Type) && !Activations.ContainsKey(entry.Type))
            {
                errors.Add($"{field}.type", $"must be one of {string.Join(", ", Types.Keys.Concat(Activations.Keys))}; got {entry.Type ?? "nothing"}");
                continue;
            }
            var op = Types.GetValueOrDefault(entry.Type, CnnOp.Activation);
            var taken = Taken(op, entry.Type);
            foreach (var (key, given) in Keys(entry))
                if (given && !taken.Contains(key)) errors.Add($"{field}.{key}", $"{entry.Type} does not take {key}");
            Required(errors, field, "out_channels", entry.OutChannels, op is CnnOp.Conv2d or CnnOp.Residual, 1, Limits.MaxWidth);
            Required(errors, field, "kernel_size", entry.KernelSize, op is CnnOp.Conv2d or CnnOp.MaxPool2d or CnnOp.AvgPool2d, 1, Limits.MaxKernelSize);
            if (entry.Stride is { } stride && taken.Contains("stride")) errors.Between($"{field}.stride", stride, 1, Limits.MaxKernelSize);
            if (entry.Padding is { } padding && taken.Contains("padding"))
            {
                var most = op == CnnOp.Conv2d ? Limits.MaxKernelSize : (entry.KernelSize ?? 0) / 2;
                if (padding < 0 || padding > most)
                    errors.Add($"{field}.padding", op == CnnOp.Conv2d
                        ? SpecErrorList.Invariant($"must be between 0 and {most}; got {padding}") : SpecErrorList.Invariant($"must be between 0 and kernel_size / 2 = {most}; got {padding}"));
            }
            if (op == CnnOp.Linear && entry.OutFeatures is { } features) errors.Between($"{field}.out_features", features, 1, Limits.MaxWidth);
            if (op == CnnOp.Linear && entry.OutFeatures is null && i != layers.Length - 1)
                errors.Add($"{field}.out_features", "is required (only the last linear entry defaults to the classes)");
            if (op == CnnOp.Residual && entry.KernelSize is { } k && k % 2 == 0) errors.Add($"{field}.kernel_size", SpecErrorList.Invariant($"must be odd (padded by kernel_size / 2); got {k}"));
            if (entry.Eps is { } eps && taken.Contains("eps")) errors.AboveAtMost($"{field}.eps", eps, 0, Limits.MaxNormEpsilon);
            if (entry.NegativeSlope is { } slope && taken.Contains("negative_slope")) errors.Between($"{field}.negative_slope", slope, 0, Limits.MaxLeakyReluSlope);
            if (entry.Alpha is { } alpha && taken.Contains("alpha")) errors.Between($"{field}.alpha", alpha, 0, Limits.MaxEluAlpha);
            if (op == CnnOp.Residual && entry.Activation is { } name && !Activations.ContainsKey(name))
                errors.Add($"{field}.activation", $"must be one of {string.Join(", ", Activations.Keys)}; got {name}");
        }
    }

    private static void Required(SpecErrorList errors, string field, string key, int? value, bool takes, int min, int max)
    {
        if (!takes) return;
        if (value is { } v) errors.Between($"{field}.{key}", v, min, max);
        else errors.Add($"{field}.{key}", "is required");
    }

    /// <summary>The keys <paramref name="op"/> takes (the oracle's table; batch_norm is the product's own).</summary>
    private static HashSet<string> Taken(CnnOp op, string type) => op switch
    {
        CnnOp.Conv2d => ["out_channels", "kernel_size", "stride", "padding", "bias"],
        CnnOp.BatchNorm2d => ["eps", "affine"],
        CnnOp.MaxPool2d or CnnOp.AvgPool2d => ["kernel_size", "stride", "padding"],
        CnnOp.Linear => ["out_features", "bias"],
        CnnOp.Residual => ["out_channels", "stride", "kernel_size", "bias", "eps", "activation", "negative_slope", "alpha", "batch_norm"],
        CnnOp.Activation when type == "leaky_relu" => ["negative_slope"],
        CnnOp.Activation when type == "elu" => ["alpha"],
        _ => [],
    };

    private static IEnumerable<(string Key, bool Given)> Keys(CnnLayerSpec e) =>
    [
        ("out_channels", e.OutChannels is not null), ("kernel_size", e.KernelSize is not null), ("stride", e.Stride is not null),
        ("padding", e.Padding is not null), ("bias", e.Bias is not null), ("eps", e.Eps is not null), ("affine", e.Affine is not null),
        ("out_features", e.OutFeatures is not null), ("activation", e.Activation is not null),
        ("negative_slope", e.NegativeSlope is not null), ("alpha", e.Alpha is not null), ("batch_norm", e.BatchNorm is not null),
    ];

    /// <summary>
    /// The entries with their defaults and sizes, from an input image and the class count, for a list whose keys passed
    /// <see cref="CheckKeys"/>; null with each problem added (a size below 1, a map where a vector is needed or the
    /// reverse, a last entry that is not a linear layer giving the classes).
    /// </summary>
    public static CnnEntry[]? Resolve(CnnLayerSpec[] layers, ImageShape image, int classes, SpecErrorList errors)
    {
        var before = errors.Count;
        var entries = new CnnEntry[layers.Length];
        var map = new FeatureMap(image.Channels, image.Height, image.Width);
        for (var i = 0; i < layers.Length; i++)
        {
            var e = layers[i];
            var field = $"model.layers[{i}]";
            var op = Types.GetValueOrDefault(e.Type, CnnOp.Activation);
            var last = i == layers.Length - 1;
            if (map.Flat && op is not (CnnOp.Linear or CnnOp.Activation or CnnOp.Flatten))
            {
                errors.Add($"{field}.type", SpecErrorList.Invariant($"{e.Type} needs a C×H×W map; its input is a vector of {map.Channels} features (after flatten or global_avgpool)"));
                return null;
            }
            if (!map.Flat && op == CnnOp.Linear)
            {
                errors.Add($"{field}.type", SpecErrorList.Invariant($"linear needs a flat input; its input is a {map.Channels}×{map.Height}×{map.Width} map (add flatten or global_avgpool before it)"));
                return null;
            }
            var entry = op switch
            {
                CnnOp.Conv2d => Spatial(op, map, e.OutChannels!.Value, e.KernelSize!.Value, e.Stride ?? 1, e.Padding ?? 0) with { Bias = e.Bias ?? true },
                CnnOp.BatchNorm2d => new CnnEntry(op, map, map) { Eps = e.Eps ?? DefaultEps, Affine = e.Affine ?? true },
                CnnOp.MaxPool2d or CnnOp.AvgPool2d => Spatial(op, map, map.Channels, e.KernelSize!.Value, e.Stride ?? e.KernelSize!.Value, e.Padding ?? 0),
                CnnOp.GlobalAvgPool => new CnnEntry(op, map, FeatureMap.Vector(map.Channels)),
                CnnOp.Flatten => new CnnEntry(op, map, FeatureMap.Vector(map.Size)),
                CnnOp.Linear => new CnnEntry(op, map, FeatureMap.Vector(e.OutFeatures ?? classes)) { Channels = e.OutFeatures ?? classes, Bias = e.Bias ?? true },
                CnnOp.Residual => Residual(e, map),
                _ => new CnnEntry(op, map, map) { Activation = Activations[e.Type], NegativeSlope = e.NegativeSlope ?? DefaultNegativeSlope, Alpha = e.Alpha ?? DefaultAlpha },
            };
            if (entry.Out.Height < 1 || entry.Out.Width < 1)
            {
                errors.Add($"{field}.kernel_size", SpecErrorList.Invariant(
                    $"the output of {e.Type} would be {entry.Out.Height}×{entry.Out.Width}: kernel {entry.Kernel} (padding {entry.Padding}, stride {entry.Stride}) does not fit its {map.Height}×{map.Width} input"));
                return null;
            }
            entries[i] = entry;
            map = entry.Out;
            if (last && (op != CnnOp.Linear || entry.Channels != classes))
                errors.Add($"{field}.type", SpecErrorList.Invariant($"the last entry must be a linear layer with out_features = the data set's {classes} classes (the logits); got {e.Type}{(op == CnnOp.Linear ? $" with {entry.Channels}" : "")}"));
        }
        return errors.Count > before ? null : entries;
    }

    private static CnnEntry Spatial(CnnOp op, FeatureMap map, int channels, int kernel, int stride, int padding) =>
        new(op, map, new FeatureMap(channels, FeatureMap.Side(map.Height, kernel, stride, padding), FeatureMap.Side(map.Width, kernel, stride, padding)))
        {
            Channels = channels, Kernel = kernel, Stride = stride, Padding = padding,
        };

    private static CnnEntry Residual(CnnLayerSpec e, FeatureMap map)
    {
        var kernel = e.KernelSize ?? ResidualKernel;
        var stride = e.Stride ?? 1;
        return Spatial(CnnOp.Residual, map, e.OutChannels!.Value, kernel, stride, kernel / 2) with
        {
            Bias = e.Bias ?? false, Eps = e.Eps ?? DefaultEps, BatchNorm = e.BatchNorm ?? true,
            Activation = Activations[e.Activation ?? "relu"],
            NegativeSlope = e.NegativeSlope ?? DefaultNegativeSlope, Alpha = e.Alpha ?? DefaultAlpha,
        };
    }
}
