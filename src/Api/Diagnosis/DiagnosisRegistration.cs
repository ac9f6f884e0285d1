namespace GradientService.Api.Diagnosis;

public static class DiagnosisRegistration
{
    public static IServiceCollection AddDiagnosis(this IServiceCollection services)
    {
        services.AddSingleton<AnalysisLane>();
        services.AddSingleton<RunTheories>();
        services.AddScoped<RunDiagnoses>();
        return services;
    }
}
