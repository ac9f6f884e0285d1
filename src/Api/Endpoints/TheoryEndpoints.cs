using GradientService.Api.Docs;
using GradientService.Api.Security;
using GradientService.Contracts.Schema;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Theory;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GradientService.Api.Endpoints;

/// <summary>Mean-field theory alone: what a feedforward net's gradients do at initialisation, without training it.</summary>
public static class TheoryEndpoints
{
    public static IEndpointRouteBuilder MapTheoryEndpoints(this IEndpointRouteBuilder app)
    {
        var theory = app.MapGroup("/api/theory").WithTags("Theory").RequireApiKey();
        theory.MapGet("/phase", Phase).WithName("GetPhaseDiagram")
            .WithSummary("Order-to-chaos phase diagram")
            .WithDescription("For an activation and a depth over the plane σ_w² ∈ [weightVarianceMin, weightVarianceMax] × σ_b² ∈ "
                + "[biasVarianceMin, biasVarianceMax] (points values per side, at most " + PhaseQuery.MaxPoints + "): the critical line "
                + "where χ₁ at the fixed point q* equals 1 (below it gradients vanish with depth, above it they explode) and the trainable "
                + "depth 6·ξ_c on the grid, null where ξ_c is undefined (Schoenholz et al. 2017, Figures 1 and 5). Biases are N(0, σ_b²).")
            .ProducesValidationProblem()
            .WithExample(null, ("activation", "tanh"), ("depth", "50"), ("weightVarianceMin", "1"), ("weightVarianceMax", "4"),
                ("biasVarianceMin", "0"), ("biasVarianceMax", "0.1"), ("points", "5"));
        theory.MapGet("/", Get).WithName("GetTheory")
            .WithSummary("Mean-field theory of a feedforward net")
            .WithDescription("For an activation (with leakySlope or eluAlpha), σ_w² (weightVariance = fan_in·Var(W): 2 for he, 1 for xavier on "
                + "equal widths, 1/3 for standard), σ_b² (biasVariance), a constant bias (biasMean), depth, width and the inputs' mean square "
                + "(inputSecondMoment, 1 for standardised data): the fixed point q*, the per-layer factor χ, the depth scales ξ_∇ and ξ_c, the "
                + "phase (ordered = vanishing, chaotic = exploding, edge), the predicted ‖δ_l‖/‖δ_D‖ per layer and the caveats where the "
                + "infinite-width theory does not hold (Poole et al. 2016; Schoenholz et al. 2017); and what the probes are expected to read "
                + "at step 1 over a batch of batch examples at this width (‖δ_l‖/‖δ_D‖ and ‖∂L/∂W_l‖/‖∂L/∂W_D‖, with independent standardised "
                + "inputs and a cross-entropy read-out over 10 balanced classes). Activations: "
                + string.Join(", ", WireNames.All(typeof(ActivationKind))) + ".")
            .ProducesValidationProblem()
            .WithExample(null, ("activation", "tanh"), ("weightVariance", "1"), ("biasVariance", "0"), ("depth", "20"), ("width", "512"), ("inputSecondMoment", "1"));
        return app;
    }

    private static Results<Ok<PhaseDiagram>, ValidationProblem> Phase(
        string activation = "tanh", int depth = 20, double weightVarianceMin = 0.5, double weightVarianceMax = 4, double biasVarianceMin = 0,
        double biasVarianceMax = 0.5, int points = PhaseQuery.DefaultPoints, double leakySlope = 0.01, double eluAlpha = 1)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = Activation(activation, errors);
        var query = new PhaseQuery(new ScalarActivation(kind, leakySlope, eluAlpha), depth, weightVarianceMin, weightVarianceMax, biasVarianceMin, biasVarianceMax, points);
        foreach (var error in query.Validate()) errors[error.Field] = [error.Message];
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(PhaseDiagramTheory.Build(query));
    }

    /// <summary>The activation by its wire name; relu (and an error) for an unknown one.</summary>
    private static ActivationKind Activation(string activation, Dictionary<string, string[]> errors)
    {
        var names = WireNames.All(typeof(ActivationKind));
        var index = names.ToList().IndexOf(activation);
        if (index < 0) errors["activation"] = [$"Unknown activation '{activation}'. Allowed: {string.Join(", ", names)}."];
        return index < 0 ? ActivationKind.Relu : (ActivationKind)index;
    }

    private static Results<Ok<TheoryReport>, ValidationProblem> Get(
        string activation = "relu", double weightVariance = 2, double biasVariance = 0, double biasMean = 0, int depth = 20, int width = 512,
        double inputSecondMoment = 1, double leakySlope = 0.01, double eluAlpha = 1, int batch = 1)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = Activation(activation, errors);
        var query = new MeanFieldQuery(new ScalarActivation(kind, leakySlope, eluAlpha), weightVariance, biasVariance, depth, width, inputSecondMoment, biasMean)
        {
            Batch = batch,
        };
        foreach (var error in query.Validate()) errors[error.Field] = [error.Message];
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(MeanField.Analyze(query));
    }
}
