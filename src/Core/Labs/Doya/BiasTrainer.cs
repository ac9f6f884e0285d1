using GradientService.Contracts.Labs;
using GradientService.Core.Data;
using GradientService.Core.Spec;

namespace GradientService.Core.Labs.Doya;

/// <summary>
/// Gradient descent on the bias b of the one-neuron network, w fixed, to bring x(T) to a target (Doya 1992). As b's step
/// moves the state's attractor through a saddle-node bifurcation or the separatrix across x(0), x(T) jumps and ∂L/∂b spikes
/// by orders of magnitude; far from the bifurcation σ′ is small and ∂L/∂b vanishes.
/// </summary>
public static class BiasTrainer
{
    public const int MaxSteps = 1000;
    public const int MaxIterations = 2000;
    public const double MaxLearningRate = 10_000;
    public const double MaxClip = 1e6;

    /// <summary>Every bad field, named as the request body's properties.</summary>
    public static IReadOnlyList<SpecError> Validate(BiasTrainingRequest request)
    {
        var errors = new List<SpecError>();
        FieldCheck.Real(errors, "w", request.W, 0, OneNeuron.MaxW);
        FieldCheck.Real(errors, "b0", request.B0, -BifurcationQuery.MaxBias, BifurcationQuery.MaxBias);
        FieldCheck.Real(errors, "x0", request.X0, 0, 1);
        FieldCheck.Real(errors, "target", request.Target, 0, 1);
        FieldCheck.Int(errors, "steps", request.Steps, 1, MaxSteps);
        Positive(errors, "dt", request.Dt, 1);
        Positive(errors, "learningRate", request.LearningRate, MaxLearningRate);
        FieldCheck.Int(errors, "iterations", request.Iterations, 1, MaxIterations);
        FieldCheck.Real(errors, "clip", request.Clip, 0, MaxClip);
        return errors;
    }

    /// <summary>Runs the request's iterations (stopping early if ∂L/∂b or b stops being finite); the request must be valid.</summary>
    public static BiasTrainingTrace Train(BiasTrainingRequest request)
    {
        var (w, dt) = (request.W, request.Dt);
        var states = new double[request.Steps + 1];
        states[0] = request.X0;
        var iterations = new List<BiasIteration>(request.Iterations);
        var b = request.B0;
        string? stopped = null;
        for (var k = 0; k < request.Iterations && stopped is null; k++)
        {
            OneNeuron.Run(w, b, dt, states);
            var gradient = OneNeuron.BiasGradient(w, b, dt, request.Target, states);
            var residual = states[^1] - request.Target;
            var points = FixedPoints.At(w, b);
            var unstable = points.FirstOrDefault(p => p.Branch == FixedPointBranch.Middle)?.X;
            double? closest = unstable is { } xu ? Closest(states, xu) : null;
            var basin = Basin(points, w, b, request.X0);
            iterations.Add(new BiasIteration(k, b, states[^1], 0.5 * residual * residual, gradient, unstable, closest, basin,
                k > 0 && basin != iterations[k - 1].Basin));
            var step = request.Clip > 0 ? Math.Clamp(gradient, -request.Clip, request.Clip) : gradient;
            b -= request.LearningRate * step;
            if (!double.IsFinite(gradient)) stopped = $"∂L/∂b is not finite at iteration {k}.";
            else if (!double.IsFinite(b)) stopped = $"b left the finite numbers after iteration {k}.";
        }
        var peak = 0;
        for (var k = 1; k < iterations.Count; k++)
            if (Math.Abs(iterations[k].Gradient) > Math.Abs(iterations[peak].Gradient)) peak = k;
        return new BiasTrainingTrace(request, iterations, peak, [.. iterations.Where(i => i.Crossed).Select(i => i.Iteration)], stopped);
    }

    /// <summary>
    /// The branch of the attractor the flow from x(0) reaches: the nearest fixed point above x(0) when the state rises
    /// (σ(w·x0 + b) &gt; x0), below it when it falls; x(0) itself when it is a fixed point (middle: it sits on the separatrix).
    /// </summary>
    public static FixedPointBranch Basin(IReadOnlyList<FixedPoint> points, double w, double b, double x0)
    {
        var drift = OneNeuron.Logistic(w * x0 + b) - x0;
        var reached = drift > 0 ? points.FirstOrDefault(p => p.X > x0) : drift < 0 ? points.LastOrDefault(p => p.X < x0) : null;
        return (reached ?? points.MinBy(p => Math.Abs(p.X - x0)))!.Branch; // never empty: every (w, b) has a fixed point
    }

    private static double Closest(ReadOnlySpan<double> states, double point)
    {
        var closest = double.PositiveInfinity;
        foreach (var x in states) closest = Math.Min(closest, Math.Abs(x - point));
        return closest;
    }

    private static void Positive(List<SpecError> errors, string field, double value, double max)
    {
        if (!(value > 0 && value <= max)) errors.Add(new SpecError(field, $"must be a finite number above 0 and at most {max}; got {value}."));
    }
}
