namespace GradientService.Core.Tests.Tensors;

/// <summary>Tests that read process-wide allocation counters run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(AllocationCounting), DisableParallelization = true)]
public sealed class AllocationCounting;
