using GradientService.Contracts.Wire;

namespace GradientService.Api.Storage;

/// <summary>Filters, sort and page of the run list; <see cref="Parent"/>: only the try-it runs of that run.</summary>
public sealed record RunQuery(
    RunStatus? Status,
    string? Architecture,
    string? Activation,
    string? Init,
    DateTime? CreatedFrom,
    DateTime? CreatedTo,
    string? Text,
    RunSort Sort,
    int Page,
    int PageSize,
    Guid? Sweep = null,
    Guid? Parent = null);

/// <summary>Orders of the run list; newest first by default.</summary>
public enum RunSort
{
    CreatedDesc,
    CreatedAsc,
    Name,
    Status,
    FinalLoss,
}
