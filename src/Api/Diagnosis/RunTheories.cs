using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Spec;
using GradientService.Core.Theory;
using Microsoft.Extensions.Caching.Memory;

namespace GradientService.Api.Diagnosis;

/// <summary>
/// The mean-field theory of a feedforward run's spec, on the data set it trains on (q₀ measured there), computed once per
/// run off the request path, on the service's <see cref="AnalysisLane"/>: drawing the data (MNIST: ~1 s) and solving the recursions (a marginal map: ~0.4 s) cost far
/// more than a diagnosis may, and a run's spec never changes.
/// </summary>
public sealed class RunTheories(AnalysisLane lane) : IDisposable
{
    /// <summary>Runs whose theory is kept (past it the cache compacts, least recently used first).</summary>
    public const int Kept = 1024;

    /// <summary>The caveat a diagnosis carries while its theory is still being computed.</summary>
    public static readonly TheoryCaveat Pending = new("pending", "The theory of this spec is still being computed (once per run); the predicted numbers appear in a moment.");

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Kept });

    /// <summary>The report, or the query's errors when the spec's numbers fall outside what the theory takes (σ_w² past its range, q₀ = 0).</summary>
    public sealed record Outcome(TheoryReport? Report, IReadOnlyList<SpecError> Errors);

    /// <summary>The theory of <paramref name="spec"/> (a feedforward spec), computed once per run.</summary>
    public Task<Outcome> GetAsync(Guid runId, RunSpec spec) =>
        _cache.GetOrCreate(runId, entry =>
        {
            entry.Size = 1;
            return lane.Run(() => Of(spec));
        })!; // the factory never returns null

    /// <summary>
    /// Starts the theory of a finished feedforward run (once), so that the first look at it finds its diagnosis complete
    /// and no computation competes with the page's reads (issue 17: on a fresh request it took the cores they needed).
    /// </summary>
    public void Prepare(Guid runId, RunSpec spec)
    {
        if (spec.Model is FeedForwardSpec) _ = GetAsync(runId, spec);
    }

    /// <summary>Whether the theory of a run was started (or is kept), without starting it.</summary>
    public bool Started(Guid runId) => _cache.TryGetValue(runId, out _);

    /// <summary>The theory if it is ready; otherwise starts it (once) and returns null.</summary>
    public Outcome? TryGet(Guid runId, RunSpec spec) => GetAsync(runId, spec) is { IsCompletedSuccessfully: true } done ? done.Result : null;

    /// <summary>Computes the theory of <paramref name="spec"/> on the calling thread, kept nowhere (the start-up warm-up's small run).</summary>
    internal static Outcome Of(RunSpec spec)
    {
        var (query, caveats) = SpecTheory.For(spec);
        var errors = query.Validate();
        return new Outcome(errors.Count == 0 ? MeanField.Analyze(query, caveats) : null, errors);
    }

    public void Dispose() => _cache.Dispose();
}
