using System.Text.Json.Serialization;

namespace GradientService.Api.Problems;

public static class ProblemsRegistration
{
    /// <summary>RFC 9457 problem details for every error status, the central exception handler, JSON that carries NaN and ±∞.</summary>
    public static IServiceCollection AddProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.ConfigureHttpJsonOptions(options =>
        {
            // Gradients overflow: NaN and ±∞ are data here, written as the strings "NaN", "Infinity", "-Infinity".
            options.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        return services;
    }
}
