namespace GradientService.Contracts.Wire;

/// <summary>One page of a list; <see cref="Total"/> counts every match.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total);
