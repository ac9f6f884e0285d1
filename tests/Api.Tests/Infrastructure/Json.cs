using System.Text.Json;
using System.Text.Json.Serialization;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Api.Tests.Infrastructure;

/// <summary>The service's JSON conventions on the client side.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A tiny fast spec: depth 2, width 8.</summary>
    public static RunSpec TinySpec(int steps = 40, ulong seed = 7, string? name = "tiny") => new()
    {
        Name = name,
        Model = new MlpSpec { Depth = 2, Width = 8 },
        Training = new TrainingSpec { Steps = steps, BatchSize = 8, EvalEvery = 10, Seed = seed },
    };

    public static StringContent Body(object spec) =>
        new(JsonSerializer.Serialize(spec, spec.GetType(), SpecJson.Options), System.Text.Encoding.UTF8, "application/json");
}
