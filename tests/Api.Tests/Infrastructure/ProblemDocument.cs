namespace GradientService.Api.Tests.Infrastructure;

/// <summary>An RFC 9457 problem document as the service writes it (validation problems add errors by field).</summary>
public sealed record ProblemDocument(string? Type, string? Title, int? Status, string? Detail, Dictionary<string, string[]>? Errors);
