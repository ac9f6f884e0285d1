using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Spec;
using GradientService.Core.Theory;
using Microsoft.Extensions.Caching.Memory;

namespace GradientService.Api.Diagnosis;

/// <summary>
/// The mean-field theory of a feedforward run's spec, on the data set it trains on (q₀ measured there), kept per run: a
/// run's spec never changes, and drawing the data and solving the recursions costs far more than a diagnosis may.
/// </summary>
public sealed class RunTheories : IDisposable
{
    /// <summary>Runs whose theory is kept (past it the cache compacts, least recently used first).</summary>
    public const int Kept = 1024;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Kept });

    /// <summary>The report, or the query's errors when the spec's numbers fall outside what the theory takes (σ_w² past its range, q₀ = 0).</summary>
    public sealed record Outcome(TheoryReport? Report, IReadOnlyList<SpecError> Errors);

    /// <summary>The theory of <paramref name="spec"/> (a feedforward spec), computed once per run.</summary>
    public Outcome For(Guid runId, RunSpec spec) =>
        _cache.GetOrCreate(runId, entry =>
        {
            entry.Size = 1;
            var (query, caveats) = SpecTheory.For(spec);
            var errors = query.Validate();
            return new Outcome(errors.Count == 0 ? MeanField.Analyze(query, caveats) : null, errors);
        })!; // the factory never returns null

    public void Dispose() => _cache.Dispose();
}
