using GradientService.Core.Layers;
using GradientService.Contracts.Spec;

namespace GradientService.Core.Optimizers;

/// <summary>AdamW (Loshchilov &amp; Hutter 2019; torch.optim.AdamW): Adam with decoupled decay W ← W(1 − ηλ) before the step.</summary>
internal sealed class AdamW<T>(OptimizerSpec spec, IReadOnlyList<Parameter<T>> parameters) : Adam<T>(spec, parameters, decoupled: true)
    where T : unmanaged, IFloatingPointIeee754<T>;
