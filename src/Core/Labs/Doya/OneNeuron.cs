namespace GradientService.Core.Labs.Doya;

/// <summary>
/// Doya's one-neuron recurrent network with self-connection w ≥ 0 and logistic σ (Doya 1992): the flow dx/dt = −x + σ(w·x + b)
/// and its Euler map x_{t+1} = x_t + Δt·(−x_t + σ(w·x_t + b)), Δt ∈ (0, 1]; Δt = 1 is the discrete network x_{t+1} = σ(w·x_t + b).
/// For w ≥ 0 and Δt ≤ 1 the map is increasing in x, so it has the flow's fixed points, stability and basins.
/// </summary>
public static class OneNeuron
{
    /// <summary>Largest w: at w = 16 the bistable range is already 8 wide; beyond, σ′ at the fixed points underflows nothing but says nothing new.</summary>
    public const double MaxW = 16;

    /// <summary>σ(u) = 1/(1 + e^−u), evaluated so that neither tail overflows.</summary>
    public static double Logistic(double u) => u >= 0 ? 1 / (1 + Math.Exp(-u)) : Math.Exp(u) / (1 + Math.Exp(u));

    /// <summary>σ′(u) = σ(u)·σ(−u): keeps its relative precision in both tails (σ(u)(1 − σ(u)) would round to 0 for u ≳ 37).</summary>
    public static double LogisticSlope(double u) => Logistic(u) * Logistic(-u);

    /// <summary>Runs T = states.Length − 1 Euler steps from states[0], writing x_1 … x_T into <paramref name="states"/>.</summary>
    public static void Run(double w, double b, double dt, Span<double> states)
    {
        for (var t = 1; t < states.Length; t++)
        {
            var x = states[t - 1];
            states[t] = x + dt * (Logistic(w * x + b) - x);
        }
    }

    /// <summary>
    /// ∂L/∂b for L = ½(x_T − target)² by backpropagation through time over a trajectory <see cref="Run"/> wrote:
    /// ∂x_{t+1}/∂b = Δt·σ′(u_t), ∂x_{t+1}/∂x_t = 1 − Δt + Δt·w·σ′(u_t), u_t = w·x_t + b.
    /// </summary>
    public static double BiasGradient(double w, double b, double dt, double target, ReadOnlySpan<double> states)
    {
        var delta = states[^1] - target;
        var gradient = 0.0;
        for (var t = states.Length - 2; t >= 0; t--)
        {
            var slope = LogisticSlope(w * states[t] + b);
            gradient += delta * dt * slope;
            delta *= 1 - dt + dt * w * slope;
        }
        return gradient;
    }
}
