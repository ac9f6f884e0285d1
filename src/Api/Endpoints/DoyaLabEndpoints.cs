using GradientService.Api.Docs;
using GradientService.Api.Security;
using GradientService.Contracts.Labs;
using GradientService.Core.Labs.Doya;
using GradientService.Core.Spec;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GradientService.Api.Endpoints;

/// <summary>Doya's one-neuron recurrent network: its bifurcation diagram, and training its bias through the bifurcation.</summary>
public static class DoyaLabEndpoints
{
    public static IEndpointRouteBuilder MapDoyaLabEndpoints(this IEndpointRouteBuilder app)
    {
        var lab = app.MapGroup("/api/labs/doya").WithTags("Labs").RequireApiKey();
        lab.MapGet("/fixed-points", FixedPointsOf).WithName("GetDoyaFixedPoints")
            .WithSummary("Bifurcation diagram of the one-neuron network")
            .WithDescription("The fixed points x* = σ(w·x* + b) of dx/dt = −x + σ(w·x + b) (σ logistic) for a self-connection w ∈ [0, "
                + OneNeuron.MaxW + "] over b ∈ [bMin, bMax] (|b| ≤ " + BifurcationQuery.MaxBias + ", at most " + BifurcationQuery.MaxPoints
                + " values of b): the branches with their stability (stable iff w·x*(1 − x*) < 1, for the flow and for its Euler map with "
                + "any Δt ∈ (0, 1], the discrete network being Δt = 1), on the closed-form curve b = ln(x/(1 − x)) − w·x. For w > 4 the "
                + "curve folds: between the two saddle-node bifurcations (w·x(1 − x) = 1) the network is bistable, with an unstable "
                + "middle branch between the two stable ones (Doya 1992; Pascanu, Mikolov & Bengio 2013, section 2.2).")
            .ProducesValidationProblem()
            .WithExample(null, ("w", "6"), ("bMin", "-6"), ("bMax", "0"), ("points", "121"));
        lab.MapPost("/train", Train).WithName("TrainDoyaBias")
            .WithSummary("Train the bias through the bifurcation")
            .WithDescription("Gradient descent on b, w fixed, for L = ½(x(T) − target)² with x_{t+1} = x_t + Δt·(−x_t + σ(w·x_t + b)) "
                + "from x(0); ∂L/∂b by backpropagation through time. Per iteration: b, x(T), L, ∂L/∂b, the unstable fixed point and how "
                + "close the trajectory passes to it, the basin the state runs to and whether it changed. When b's step carries the "
                + "state's attractor through a saddle-node bifurcation, x(T) jumps and |∂L/∂b| spikes by orders of magnitude, throwing "
                + "b far away where the gradient vanishes (Doya 1992). clip > 0 clips ∂L/∂b to [−clip, clip] (Pascanu et al. 2013). "
                + "Limits: T ≤ " + BiasTrainer.MaxSteps + ", iterations ≤ " + BiasTrainer.MaxIterations + ".")
            .Accepts<BiasTrainingRequest>("application/json")
            .ProducesValidationProblem()
            .WithExample(new BiasTrainingRequest());
        return app;
    }

    private static Results<Ok<BifurcationDiagram>, ValidationProblem> FixedPointsOf(
        double w = 6, double bMin = -6, double bMax = 0, int points = BifurcationQuery.DefaultPoints)
    {
        var query = new BifurcationQuery(w, bMin, bMax, points);
        var errors = query.Validate();
        return errors.Count > 0 ? TypedResults.ValidationProblem(Named(errors)) : TypedResults.Ok(query.Build());
    }

    private static Results<Ok<BiasTrainingTrace>, ValidationProblem> Train(BiasTrainingRequest request)
    {
        var errors = BiasTrainer.Validate(request);
        return errors.Count > 0 ? TypedResults.ValidationProblem(Named(errors)) : TypedResults.Ok(BiasTrainer.Train(request));
    }

    private static Dictionary<string, string[]> Named(IReadOnlyList<SpecError> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
}
