using GradientService.Contracts.Spec;

namespace GradientService.Core.Theory;

/// <summary>
/// The bound of Pascanu, Mikolov &amp; Bengio (2013, "On the difficulty of training recurrent neural networks", §3.1):
/// ‖∂h_T/∂h_t‖ ≤ (γ·σ_max(W_hh))^(T−t), γ = sup|φ′| of the cell's activation. γ·σ_max &lt; 1 is sufficient for the
/// gradient to vanish over time; γ·σ_max &gt; 1 is necessary (not sufficient) for it to explode.
/// </summary>
public static class RecurrentBound
{
    /// <summary>The activation of the cell's state update: the Elman cell's own φ, tanh for the gated cells (lstm, gru).</summary>
    public static ActivationKind CellActivation(RecurrentSpec model) =>
        model.Architecture == Architecture.Rnn ? model.Activation : ActivationKind.Tanh;

    /// <summary>γ = sup|φ′| of <see cref="CellActivation"/> (1/4 sigmoid, 1 tanh and relu).</summary>
    public static double Gamma(RecurrentSpec model) =>
        new ScalarActivation(CellActivation(model), model.LeakyReluSlope, model.EluAlpha).MaxSlope;

    /// <summary>
    /// The bound beside a measured time-lag profile: bound[t] = ‖∂L/∂h_T‖·(γσ_max)^(T−1−t) for t = 0 … T−1, indexed as
    /// <paramref name="norms"/> (norms[t] = ‖∂L/∂h_{t+1}‖), so bound[T−1] = norms[T−1]. <paramref name="bound"/> has the same length.
    /// </summary>
    public static void Profile(ReadOnlySpan<double> norms, double boundFactor, Span<double> bound)
    {
        if (norms.Length == 0) return;
        var value = norms[^1];
        for (var t = norms.Length - 1; t >= 0; t--)
        {
            bound[t] = value;
            value *= boundFactor;
        }
    }

    /// <summary>The bound as a new array (see <see cref="Profile(ReadOnlySpan{double}, double, Span{double})"/>).</summary>
    public static double[] Profile(ReadOnlySpan<double> norms, double boundFactor)
    {
        var bound = new double[norms.Length];
        Profile(norms, boundFactor, bound);
        return bound;
    }

    /// <summary>The Pascanu et al. condition a bound factor γ·σ_max meets, in words.</summary>
    public static string Condition(double gamma, double sigmaMax)
    {
        var factor = gamma * sigmaMax;
        var threshold = 1 / gamma;
        return factor < 1
            ? $"σ_max = {sigmaMax:G3} < 1/γ = {threshold:G3} (γ·σ_max = {factor:G3} < 1): sufficient for the gradient to vanish over time, by at least a factor {factor:G3} per time step (Pascanu et al. 2013)."
            : $"σ_max = {sigmaMax:G3} ≥ 1/γ = {threshold:G3} (γ·σ_max = {factor:G3} ≥ 1): the necessary condition for exploding gradients over time holds; whether they explode depends on how often units sit in φ's steep part (Pascanu et al. 2013).";
    }
}
