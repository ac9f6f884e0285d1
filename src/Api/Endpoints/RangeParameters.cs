using GradientService.Api.Options;
using GradientService.Api.Series;
using GradientService.Api.Storage;
using GradientService.Contracts.Metrics;

namespace GradientService.Api.Endpoints;

/// <summary>Checks the shared series parameters (from, to, maxPoints, method) and collects errors by parameter name.</summary>
public sealed class RangeParameters
{
    public Dictionary<string, string[]> Errors { get; } = [];

    public int From { get; private set; }

    public int To { get; private set; }

    public int MaxPoints { get; private set; }

    public string Method { get; private set; } = Downsampler.MinMax;

    public static RangeParameters Check(RunRecord run, int? from, int? to, int? maxPoints, string? method, QueryOptions limits)
    {
        var p = new RangeParameters { From = from ?? 1, To = to ?? Math.Max(1, Math.Max(run.StepsDone, run.TotalSteps)), MaxPoints = maxPoints ?? limits.DefaultPoints };
        if (p.From < 1) p.Errors["from"] = ["Must be 1 or more (steps count from 1)."];
        if (p.To < p.From) p.Errors["to"] = ["Must not be before 'from'."];
        if (p.MaxPoints < QueryOptions.MinPoints || p.MaxPoints > limits.MaxPoints)
            p.Errors["maxPoints"] = [$"Must be between {QueryOptions.MinPoints} and {limits.MaxPoints}."];
        if (method is not null)
        {
            if (Downsampler.Methods.Contains(method)) p.Method = method;
            else p.Errors["method"] = [$"Unknown method '{method}'. Allowed: {string.Join(", ", Downsampler.Methods)}."];
        }
        return p;
    }

    public List<T> Fields<T>(string parameter, string? csv, MetricTable<T> table, IEnumerable<T> fallback) where T : struct, Enum
    {
        var fields = FieldNames.ParseList(csv, table, fallback, out var unknown);
        if (unknown.Count > 0)
            Errors[parameter] = [$"Unknown field{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}. Allowed: {string.Join(", ", table.Names)}."];
        else if (fields.Count == 0)
            Errors[parameter] = ["Name at least one field."];
        return fields;
    }

    public void Layer(RunRecord run, int layer)
    {
        if (run.LayerCount == 0) Errors["layer"] = ["The run's model is not built yet (it has not started)."];
        else if (layer < 1 || layer > run.LayerCount) Errors["layer"] = [$"Must be between 1 and {run.LayerCount} (input side first)."];
    }
}
