using System.Globalization;
using System.Text;
using GradientService.Api.Hubs;
using GradientService.Api.Options;
using GradientService.Api.Storage;
using GradientService.Api.Telemetry;
using GradientService.Api.Workers;
using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Health;

/// <summary>Liveness, readiness (store migrated and reachable) and operational metrics in Prometheus' text format.</summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .WithTags("Health").WithName("Live").WithSummary("Liveness").WithDescription("200 while the process serves requests.");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) })
            .WithTags("Health").WithName("Ready").WithSummary("Readiness").WithDescription("200 once the store is migrated and answers; 503 otherwise.");
        app.MapGet("/metrics", Metrics).WithTags("Health").WithName("Metrics")
            .WithSummary("Operational metrics (Prometheus text format)")
            .WithDescription("Queue length, runs by status, runs training here, steps recorded per second, recorder lag and batch time.")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain");
        return app;
    }

    private static async Task<IResult> Metrics(
        RunStore runs, ServiceMetrics metrics, ActiveRuns active, RunSubscriptions subscriptions, IOptions<WorkerOptions> workers, CancellationToken cancel)
    {
        var byStatus = await runs.CountByStatusAsync(cancel);
        var text = new StringBuilder();
        void Metric(string name, string type, string help, params (string Labels, double Value)[] samples)
        {
            text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
            text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
            foreach (var (labels, value) in samples)
                text.Append(name).Append(labels).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        Metric("gradientservice_queue_length", "gauge", "Runs waiting to start.", ("", byStatus.GetValueOrDefault(RunStatus.Queued)));
        Metric("gradientservice_runs", "gauge", "Runs in the store by status.",
            [.. Enum.GetValues<RunStatus>().Select(s => ($"{{status=\"{s.ToString().ToLowerInvariant()}\"}}", (double)byStatus.GetValueOrDefault(s)))]);
        Metric("gradientservice_workers_enabled", "gauge", "1 when this instance trains runs (Workers:Enabled), 0 when it serves the Api only.", ("", workers.Value.Enabled ? 1 : 0));
        Metric("gradientservice_active_runs", "gauge", "Runs training in this process.", ("", active.Count));
        Metric("gradientservice_steps_recorded_total", "counter", "Steps persisted by the recorder since start.", ("", metrics.StepsRecorded));
        Metric("gradientservice_steps_per_second", "gauge", "Steps persisted per second (recent window).", ("", metrics.StepsPerSecond));
        Metric("gradientservice_recorder_lag_items", "gauge", "Telemetry items waiting for the recorder after its last commit.", ("", metrics.RecorderLag));
        Metric("gradientservice_recorder_batch_milliseconds", "gauge", "Duration of the recorder's last transaction.", ("", metrics.LastBatchMilliseconds));
        Metric("gradientservice_recorder_batches_total", "counter", "Recorder transactions since start.", ("", metrics.Batches));
        Metric("gradientservice_hub_subscriptions", "gauge", "Hub subscriptions to runs.", ("", subscriptions.Count));
        return Results.Text(text.ToString(), "text/plain; version=0.0.4", Encoding.UTF8);
    }
}

/// <summary>Ready when migrations ran and the store answers a query.</summary>
public sealed class StoreHealthCheck(DatabaseMigrator migrator, GradientDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!migrator.Ready) return HealthCheckResult.Unhealthy("Migrations have not been applied yet.");
        return await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The store does not answer.");
    }
}
