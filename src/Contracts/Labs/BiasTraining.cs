namespace GradientService.Contracts.Labs;

/// <summary>
/// Gradient descent on the bias b of the one-neuron network x_{t+1} = x_t + Δt·(−x_t + σ(w·x_t + b)) (Δt = 1: the discrete
/// network x_{t+1} = σ(w·x_t + b)) to bring x(T) to a target: L = ½(x(T) − target)², ∂L/∂b by backpropagation through time.
/// </summary>
/// <param name="W">The self-connection w, held fixed: 0 … 16.</param>
/// <param name="B0">The starting bias b₀: −32 … 32.</param>
/// <param name="X0">The initial state x(0): 0 … 1.</param>
/// <param name="Target">The wanted x(T): 0 … 1.</param>
/// <param name="Steps">T, the steps the state runs: 1 … 1,000.</param>
/// <param name="Dt">The Euler step Δt: above 0, at most 1 (1 = the discrete network).</param>
/// <param name="LearningRate">η in b ← b − η·∂L/∂b: above 0, at most 10,000.</param>
/// <param name="Iterations">Gradient steps: 1 … 2,000.</param>
/// <param name="Clip">When above 0, ∂L/∂b is clipped to [−Clip, Clip] before the step (Pascanu et al. 2013's remedy); 0 = off.</param>
public sealed record BiasTrainingRequest(
    double W = 6, double B0 = -8, double X0 = 0, double Target = 0.9, int Steps = 30, double Dt = 1, double LearningRate = 100,
    int Iterations = 60, double Clip = 0);

/// <summary>The trace of a bias training: one entry per gradient step.</summary>
/// <param name="Request">The request, defaults filled in.</param>
/// <param name="Iterations">Per iteration, in order.</param>
/// <param name="PeakIteration">The iteration with the largest |∂L/∂b|.</param>
/// <param name="Crossings">The iterations whose basin differs from the previous one's (the state now ends near the other attractor).</param>
/// <param name="StoppedEarly">Why training stopped before its iterations, e.g. ∂L/∂b overflowed; null when it ran them all.</param>
public sealed record BiasTrainingTrace(
    BiasTrainingRequest Request, IReadOnlyList<BiasIteration> Iterations, int PeakIteration, IReadOnlyList<int> Crossings, string? StoppedEarly);

/// <summary>One gradient step, measured before b moves.</summary>
/// <param name="Iteration">0, 1, …</param>
/// <param name="B">b at this iteration.</param>
/// <param name="FinalState">x(T).</param>
/// <param name="Loss">½(x(T) − target)².</param>
/// <param name="Gradient">∂L/∂b by backpropagation through time.</param>
/// <param name="Unstable">The unstable fixed point at this b; null outside the bistable range.</param>
/// <param name="ClosestApproach">min over t of |x_t − Unstable|: how close the trajectory passes to the separatrix; null without one.</param>
/// <param name="Basin">The branch of the attractor the state runs to from x(0) at this b.</param>
/// <param name="Crossed">The basin differs from the previous iteration's: b's step moved the separatrix (or a bifurcation) across x(0).</param>
public sealed record BiasIteration(
    int Iteration, double B, double FinalState, double Loss, double Gradient, double? Unstable, double? ClosestApproach,
    FixedPointBranch Basin, bool Crossed);
