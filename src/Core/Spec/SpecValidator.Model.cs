using GradientService.Contracts.Spec;
using GradientService.Core.Models;

namespace GradientService.Core.Spec;

public static partial class SpecValidator
{
    /// <summary>The architecture's own checks of its record; its registry entry, or null.</summary>
    private static ModelArchitecture? CheckModel(ModelSpec model, SpecErrorList errors)
    {
        if (!errors.Defined("model.architecture", model.Architecture)) return null;
        var architecture = Architectures.Of(model);
        architecture.Check(model, errors);
        return architecture;
    }

    private static void CheckInit(InitSpec init, SpecErrorList errors)
    {
        if (errors.Defined("init.scheme", init.Scheme) && init.Scheme == InitScheme.Identity)
            errors.Add("init.scheme", "identity init is for the recurrent matrix only (set init.recurrentScheme)");
        errors.AboveAtMost("init.gain", init.Gain, 0, Limits.MaxInitGain);
        errors.Between("init.mean", init.Mean, -Limits.MaxInitOffset, Limits.MaxInitOffset);
        errors.AboveAtMost("init.std", init.Std, 0, Limits.MaxInitStd);
        errors.Between("init.bias", init.Bias, -Limits.MaxInitOffset, Limits.MaxInitOffset);
        errors.AboveAtMost("init.weightVariance", init.WeightVariance, 0, Limits.MaxInitVariance);
        errors.Between("init.biasVariance", init.BiasVariance, 0, Limits.MaxInitVariance);
        errors.Defined("init.biasDistribution", init.BiasDistribution);

        if (init.RecurrentScheme is { } scheme) errors.Defined("init.recurrentScheme", scheme);
        if (init.SpectralRadius is { } radius) errors.AboveAtMost("init.spectralRadius", radius, 0, Limits.MaxRecurrentScale);
        if (init.MaxSingularValue is { } sigma) errors.AboveAtMost("init.maxSingularValue", sigma, 0, Limits.MaxRecurrentScale);
        if (init.SpectralRadius is not null && init.MaxSingularValue is not null)
            errors.Add("init.maxSingularValue", "set init.spectralRadius or init.maxSingularValue, not both");
    }
}
