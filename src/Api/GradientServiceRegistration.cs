using GradientService.Api.Diagnosis;
using GradientService.Api.Docs;
using GradientService.Api.Health;
using GradientService.Api.Options;
using GradientService.Api.Problems;
using GradientService.Api.Security;
using GradientService.Api.Series;
using GradientService.Api.Storage;
using GradientService.Api.Telemetry;
using GradientService.Api.Workers;

namespace GradientService.Api;

public static class GradientServiceRegistration
{
    /// <summary>Everything the service is made of. Order matters for hosted services: migrator, recorder, broadcaster, workers.</summary>
    public static WebApplicationBuilder AddGradientService(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<QueryOptions>().BindConfiguration(QueryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddStorage();
        services.AddTelemetry(builder.Configuration);
        services.AddWorkers(builder.Configuration);
        services.AddScoped<SeriesQueries>();
        services.AddHostedService<QueryWarmup>(); // after the migrator (AddStorage): the first run page after a start reads warm
        services.AddMemoryCache();
        services.AddScoped<Sweeps.SweepMatrixBuilder>();
        services.AddDiagnosis();
        services.AddProblems();
        services.AddSecurity(builder.Configuration);
        services.AddHealth();
        services.AddDocs();
        // SIGTERM: workers stop their runs after the current step, checkpoint and drain the recorder well within a container's 10 s.
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(8));
        var maxBody = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>()?.MaxBodyBytes ?? new SecurityOptions().MaxBodyBytes;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBody + 1);
        return builder;
    }

    /// <summary>The middleware pipeline: problem details for errors, CORS, rate limiting, docs and the dashboard's files.</summary>
    public static WebApplication UseGradientService(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors();
        app.UseRateLimiter();
        app.UseDocs();
        // The dashboard's files as endpoints from the build's static-assets manifest: fingerprinted URLs (the page's import
        // map points its JS module at one), precompressed brotli/gzip and cache headers; index.html is the fallback route.
        app.MapStaticAssets();
        return app;
    }
}
