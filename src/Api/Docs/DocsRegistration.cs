using GradientService.Contracts.Schema;
using GradientService.Contracts.Spec;
using Microsoft.OpenApi;

namespace GradientService.Api.Docs;

public static class DocsRegistration
{
    public const string DocumentName = "v1";

    /// <summary>The OpenAPI document (Swashbuckle) with summaries, descriptions, tags and a working example per route.</summary>
    public static IServiceCollection AddDocs(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "GradientService",
                Version = "v1",
                Description = "Train neural networks and see where and why their gradients vanish or explode. Submit a run spec "
                    + "(or a preset), watch it live over the SignalR hub at /hubs/runs, then query its per-step and per-layer series, "
                    + $"events and exports. Limits: depth ≤ {Limits.MaxDepth}, width ≤ {Limits.MaxWidth}, steps ≤ {Limits.MaxSteps:N0}, "
                    + $"parameters ≤ {Limits.MaxParameters:N0}. Non-finite numbers are written as \"NaN\", \"Infinity\", \"-Infinity\".",
            });
            swagger.OperationFilter<ExampleOperationFilter>();
            swagger.OperationFilter<MetricParameterFilter>();
            swagger.OperationFilter<PackedFormatFilter>();
            swagger.SupportNonNullableReferenceTypes();
            // The model is one schema per architecture ([JsonDerivedType] on ModelSpec), told apart by "architecture".
            // Only the model: every other base type (JsonNode's subclasses among them) stays one plain schema.
            swagger.UseOneOfForPolymorphism();
            swagger.SelectSubTypesUsing(type => type == typeof(ModelSpec) ? SpecSchema.ModelRecords.Values : []);
            swagger.SelectDiscriminatorNameUsing(type => type == typeof(ModelSpec) ? SpecSchema.ArchitectureMember : null);
            swagger.SelectDiscriminatorValueUsing(type => SpecSchema.ModelRecords.FirstOrDefault(r => r.Value == type).Key);
            swagger.CustomSchemaIds(type => type.IsGenericType
                ? type.Name[..type.Name.IndexOf('`')] + "Of" + string.Join("", type.GetGenericArguments().Select(a => a.Name))
                : type.Name);
            // The spec records and wire contracts are documented in GradientService.Contracts.xml, the engine in Core's.
            foreach (var assembly in new[] { "GradientService.Contracts", "GradientService.Core" })
            {
                var xml = Path.Combine(AppContext.BaseDirectory, assembly + ".xml");
                if (File.Exists(xml)) swagger.IncludeXmlComments(xml);
            }
        });
        return services;
    }

    public static WebApplication UseDocs(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint($"/swagger/{DocumentName}/swagger.json", "GradientService v1");
            ui.DocumentTitle = "GradientService API";
            ui.EnableTryItOutByDefault();
        });
        return app;
    }
}
