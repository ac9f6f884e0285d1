using System.Globalization;
using GradientService.Contracts.Schema;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Theory;

namespace GradientService.Core.Diagnosis;

/// <summary>The likely causes, in the domain's terms: the activation's maximal slope, the init's gain, depth, σ_max and γ, η.</summary>
internal static class Causes
{
    public static string Vanishing(DiagnosisInput input)
    {
        if (input.Spec.Model is RecurrentSpec recurrent) return $"{Recurrent(recurrent, input)} {Activation(input.Spec)}";
        return $"{Activation(input.Spec)} {Init(input.Spec)} Over {Depth(input.Spec)} layers these factors multiply. {Theory(input)}".TrimEnd();
    }

    public static string Exploding(DiagnosisInput input)
    {
        if (input.Spec.Model is RecurrentSpec recurrent) return $"{Recurrent(recurrent, input)} {LearningRate(input.Spec)}";
        if (input.Theory is { Phase: TheoryPhase.Chaotic } theory && Applies(theory))
            return $"{Init(input.Spec)} {Theory(input)} {LearningRate(input.Spec)}";
        return $"{LearningRate(input.Spec)} Large steps move the weights to where the loss is steeper, and the next gradient is larger still.";
    }

    public static string Diverged(DiagnosisInput input) =>
        $"A gradient or loss overflowed: exploding gradients ran past the float range. {Clipping(input.Spec)} {LearningRate(input.Spec)}";

    public static string ClippingCause(DiagnosisInput input) =>
        input.Spec.Model is RecurrentSpec recurrent
            ? $"‖g‖ often exceeds the threshold τ = {F(input.Spec.Clipping.Threshold)}. {Recurrent(recurrent, input)}"
            : $"‖g‖ often exceeds the threshold τ = {F(input.Spec.Clipping.Threshold)}; clipping keeps those steps bounded. {LearningRate(input.Spec)}";

    public static string Saturation(DiagnosisInput input) =>
        $"Units sit in the flat tails of {Name(input.Spec.Model.Activation)}, where φ′ is below 5% of its maximum. {Init(input.Spec)} Large pre-activations (a large σ_w² or weights grown by training; {LearningRate(input.Spec)}) push them there.";

    public static string DeadUnits(DiagnosisInput input) =>
        $"ReLU-family units whose input is negative for every example pass no gradient (φ′ = 0) and cannot recover. A large update (η = {F(input.Spec.Optimizer.LearningRate)}) or a negative bias (b = {F(input.Spec.Init.Bias)}) pushes them there.";

    public static string Stalled(DiagnosisInput input) =>
        $"The gradient is not zero but the updates barely change the loss: {LearningRate(input.Spec)} A plateau or vanishing gradients in the early layers give the same picture.";

    public static string Activation(RunSpec spec)
    {
        var phi = spec.Model is RecurrentSpec r ? RecurrentBound.CellActivation(r) : spec.Model.Activation;
        var gamma = new ScalarActivation(phi, spec.Model.LeakyReluSlope, spec.Model.EluAlpha).MaxSlope;
        return phi switch
        {
            ActivationKind.Sigmoid => "Sigmoid's slope is at most 1/4 (at z = 0), so each layer multiplies the backward signal by at most σ_w·1/4.",
            ActivationKind.Tanh => "Tanh's slope is at most 1 (at z = 0) and far smaller wherever units saturate.",
            ActivationKind.Relu or ActivationKind.LeakyRelu => "ReLU's slope is 1 on active units and 0 (leaky: small) on the others, so about half the signal is lost per layer unless the init makes up for it.",
            _ => $"{Name(phi)}'s slope is at most {F(gamma)}.",
        };
    }

    public static string Init(RunSpec spec)
    {
        var width = spec.Model.Width;
        var sw = SpecTheory.WeightVariance(spec.Init, spec.Init.Scheme, width, width);
        return $"{Name(spec.Init.Scheme)} init gives σ_w² = fan_in·Var(W) = {F(sw)}{(spec.Init.Bias != 0 ? $" and a bias of {F(spec.Init.Bias)}" : "")}.";
    }

    public static string Theory(DiagnosisInput input)
    {
        if (input.Theory is not { } t || !Applies(t)) return "";
        var xi = t.GradientDepthScale is { } x ? $", ξ_∇ = {F(x)} layers" : "";
        var (one, batch) = (t.Layers[0].Log10DeltaRatio, t.Layers[0].ExpectedLog10DeltaRatio);
        var spread = Math.Abs(batch - one) >= 0.05 ? $" (over a batch of {t.Batch} at this width, where examples collapse at different depths: {F(batch)})" : "";
        return $"Mean-field theory predicts χ = {F(t.Chi)} per layer ({Name(t.Phase)} phase{xi}): ‖δ‖ changes by √χ = {F(Math.Sqrt(t.Chi))} per layer, {F(one)} decades from the last hidden layer to the first{spread}.";
    }

    /// <summary>The init's σ_max when training has moved it (the weights of a diverging net say little about why it diverged).</summary>
    private static string Initial(double gamma, RecurrentMeasurement r) =>
        r.InitialSigmaMax is { } first && double.IsFinite(first) && Math.Abs(first - r.SigmaMax) > 0.01 * first
            ? $" At the first measured step σ_max was {F(first)} (γ·σ_max = {F(gamma * first)}); training moved it to {F(r.SigmaMax)}."
            : "";

    public static string Recurrent(RecurrentSpec model, DiagnosisInput input)
    {
        var gamma = RecurrentBound.Gamma(model);
        return input.Recurrent is { } r
            ? RecurrentBound.Condition(gamma, r.SigmaMax) + Initial(gamma, r)
            : $"γ = sup|φ′| = {F(gamma)} for {Name(RecurrentBound.CellActivation(model))}; σ_max(W_hh) is not measured yet.";
    }

    /// <summary>What a pretraining run did before the steps the diagnosis covers ("" without pretraining).</summary>
    public static string Pretraining(DiagnosisInput input)
    {
        var pretraining = input.Spec.Pretraining;
        var depth = PretrainingSpec.DepthOf(input.Spec.Model);
        var steps = pretraining.Steps(depth);
        if (steps == 0) return "";
        var what = $"{Name(pretraining.Kind)}, {depth} hidden layers × {pretraining.StepsPerLayer} steps";
        return input.AtStep <= steps
            ? $" Greedy layer-wise pretraining ({what}) is at layer {pretraining.PhaseAt(input.AtStep, depth)}; the diagnosis starts with fine-tuning at step {FindingFacts.I(steps + 1)}."
            : $" The net was pretrained layer by layer first ({what}, steps 1–{FindingFacts.I(steps)}); the diagnosis covers the fine-tuning from step {FindingFacts.I(steps + 1)}.";
    }

    public static string LearningRate(RunSpec spec) =>
        $"The learning rate is η = {F(spec.Optimizer.LearningRate)} with {Name(spec.Optimizer.Kind)}.";

    private static string Clipping(RunSpec spec) =>
        spec.Clipping.Mode == ClippingMode.None ? "Nothing clips the gradient." : $"Clipping ({Name(spec.Clipping.Mode)}, τ = {F(spec.Clipping.Threshold)}) did not prevent it.";

    private static string Depth(RunSpec spec) => spec.Model is FeedForwardSpec m ? m.HiddenWidths().Length.ToString(CultureInfo.InvariantCulture) : spec.Model.Depth.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether the theory's exponential profile applies to the net (no caveat that replaces it).</summary>
    public static bool Applies(TheoryReport theory) => !theory.Caveats.Any(c => c.Voids);

    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => WireNames.Of(value);

    public static string F(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
