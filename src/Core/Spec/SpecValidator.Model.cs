using GradientService.Contracts.Spec;

namespace GradientService.Core.Spec;

public static partial class SpecValidator
{
    private static void CheckModel(ModelSpec model, SpecErrorList errors)
    {
        var architecture = model.Architecture;
        var known = errors.Defined("model.architecture", architecture);
        var recurrent = ModelSize.IsRecurrent(architecture);
        var name = SpecErrorList.Name(architecture);

        errors.Between("model.depth", model.Depth, 1, Limits.MaxDepth);
        errors.Between("model.width", model.Width, 1, Limits.MaxWidth);
        if (model.Widths is { } widths)
        {
            if (known && architecture != Architecture.Mlp)
                errors.Add("model.widths", $"explicit widths are for mlp only; {name} uses model.depth layers of model.width units");
            else if (errors.Between("model.widths", widths.Length, 1, Limits.MaxDepth))
                for (var i = 0; i < widths.Length; i++) errors.Between($"model.widths[{i}]", widths[i], 1, Limits.MaxWidth);
        }

        errors.Defined("model.activation", model.Activation);
        errors.Between("model.leakyReluSlope", model.LeakyReluSlope, 0, Limits.MaxLeakyReluSlope);
        errors.Between("model.eluAlpha", model.EluAlpha, 0, Limits.MaxEluAlpha);

        if (errors.Defined("model.normalization", model.Normalization) && recurrent && model.Normalization != Normalization.None)
            errors.Add("model.normalization", $"{SpecErrorList.Name(model.Normalization)} applies to mlp and residual-mlp only; {name} takes none");
        errors.AboveAtMost("model.normEpsilon", model.NormEpsilon, 0, Limits.MaxNormEpsilon);
        errors.Between("model.normMomentum", model.NormMomentum, 0, 1);
        if (errors.Between("model.blockSize", model.BlockSize, 1, Limits.MaxBlockSize) && model.Architecture == Architecture.ResidualMlp
            && model.Depth >= 1 && (model.Depth - 1) % model.BlockSize != 0)
            errors.Add("model.depth", $"residual-mlp is one input projection plus whole blocks of {model.BlockSize} layers, so depth must be 1 + a multiple of {model.BlockSize}; got {model.Depth}");

        if (errors.Defined("model.output", model.Output) && known && !recurrent && model.Output == OutputMode.Every)
            errors.Add("model.output", $"every-step output needs a recurrent architecture (rnn, lstm, gru); got {name}");
        if (model.BpttLength is { } bptt && errors.Between("model.bpttLength", bptt, 1, Limits.MaxSequenceLength) && known && !recurrent)
            errors.Add("model.bpttLength", $"truncated BPTT applies to recurrent nets only; got {name}");
        errors.Between("model.forgetBias", model.ForgetBias, -Limits.MaxInitOffset, Limits.MaxInitOffset);
    }

    /// <summary>Init fields, and the recurrent-only ones against the architecture when <paramref name="model"/> is there.</summary>
    private static void CheckInit(InitSpec init, ModelSpec? model, SpecErrorList errors)
    {
        var onlyRecurrent = model is not null && Enum.IsDefined(model.Architecture) && !ModelSize.IsRecurrent(model.Architecture)
            ? $"applies to recurrent nets only; got {SpecErrorList.Name(model.Architecture)}"
            : null;

        if (errors.Defined("init.scheme", init.Scheme) && init.Scheme == InitScheme.Identity)
            errors.Add("init.scheme", "identity init is for the recurrent matrix only (set init.recurrentScheme)");
        errors.AboveAtMost("init.gain", init.Gain, 0, Limits.MaxInitGain);
        errors.Between("init.mean", init.Mean, -Limits.MaxInitOffset, Limits.MaxInitOffset);
        errors.AboveAtMost("init.std", init.Std, 0, Limits.MaxInitStd);
        errors.Between("init.bias", init.Bias, -Limits.MaxInitOffset, Limits.MaxInitOffset);

        if (init.RecurrentScheme is { } scheme && errors.Defined("init.recurrentScheme", scheme) && onlyRecurrent is not null)
            errors.Add("init.recurrentScheme", onlyRecurrent);
        if (init.SpectralRadius is { } radius && errors.AboveAtMost("init.spectralRadius", radius, 0, Limits.MaxRecurrentScale) && onlyRecurrent is not null)
            errors.Add("init.spectralRadius", onlyRecurrent);
        if (init.MaxSingularValue is { } sigma && errors.AboveAtMost("init.maxSingularValue", sigma, 0, Limits.MaxRecurrentScale) && onlyRecurrent is not null)
            errors.Add("init.maxSingularValue", onlyRecurrent);
        if (init.SpectralRadius is not null && init.MaxSingularValue is not null)
            errors.Add("init.maxSingularValue", "set init.spectralRadius or init.maxSingularValue, not both");
    }
}
