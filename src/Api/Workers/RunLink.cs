namespace GradientService.Api.Workers;

/// <summary>A try-it run's parent and the remedy applied to the parent's spec.</summary>
public sealed record RunLink(Guid ParentId, string Remedy);
