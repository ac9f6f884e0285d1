namespace GradientService.Web.Services;

/// <summary>The run list's filters and page, as the Api's GET /api/runs takes them (null = any).</summary>
public sealed record RunFilter(
    string? Status = null,
    string? Architecture = null,
    string? Activation = null,
    string? Init = null,
    string? Text = null,
    string Sort = "-created",
    int Page = 1,
    int PageSize = 25);
