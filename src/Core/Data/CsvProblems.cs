using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Data;

/// <summary>
/// Collects the problems found in user CSV under one field, listing the first <see cref="MaxListed"/> so a file with a
/// bad column does not produce a hundred thousand messages; <see cref="Close"/> adds a count of the rest.
/// </summary>
internal sealed class CsvProblems(ICollection<SpecError> errors, string field)
{
    /// <summary>Messages listed one by one before the rest are only counted.</summary>
    public const int MaxListed = 20;

    public int Count { get; private set; }

    public void Add(string message)
    {
        if (Count++ < MaxListed) errors.Add(new SpecError(field, message));
    }

    /// <summary>Call once, after the last <see cref="Add"/>.</summary>
    public void Close()
    {
        if (Count > MaxListed) errors.Add(new SpecError(field, $"… and {Count - MaxListed} more problems like these."));
    }
}
