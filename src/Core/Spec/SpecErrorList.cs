using GradientService.Contracts.Schema;
using System.Globalization;

namespace GradientService.Core.Spec;

/// <summary>
/// The problems found in a spec so far, and the range checks that add them. Every message says what is allowed and
/// what was given ("must be between 1 and 200; got 0"); NaN and ±∞ fail every double range.
/// </summary>
internal sealed class SpecErrorList
{
    private readonly List<SpecError> _errors = [];

    /// <summary>The errors, in the order found.</summary>
    public List<SpecError> Errors => _errors;

    public int Count => _errors.Count;

    public void Add(string field, string message) => _errors.Add(new SpecError(field, message));

    /// <summary>True when some error names <paramref name="field"/> or a field inside it.</summary>
    public bool Any(string field) => _errors.Exists(e =>
        e.Field == field || e.Field.StartsWith(field + ".", StringComparison.Ordinal) || e.Field.StartsWith(field + "[", StringComparison.Ordinal));

    /// <summary>min ≤ value ≤ max.</summary>
    public bool Between(string field, long value, long min, long max) =>
        Check(value >= min && value <= max, field, Invariant($"must be between {min} and {max}; got {value}"));

    /// <summary>min ≤ value ≤ max.</summary>
    public bool Between(string field, double value, double min, double max) =>
        Check(value >= min && value <= max, field, Invariant($"must be between {min} and {max}; got {value}"));

    /// <summary>min &lt; value ≤ max.</summary>
    public bool AboveAtMost(string field, double value, double min, double max) =>
        Check(value > min && value <= max, field, Invariant($"must be greater than {min} and at most {max}; got {value}"));

    /// <summary>min ≤ value &lt; max.</summary>
    public bool AtLeastBelow(string field, double value, double min, double max) =>
        Check(value >= min && value < max, field, Invariant($"must be at least {min} and less than {max}; got {value}"));

    /// <summary>min &lt; value &lt; max.</summary>
    public bool AboveBelow(string field, double value, double min, double max) =>
        Check(value > min && value < max, field, Invariant($"must be greater than {min} and less than {max}; got {value}"));

    /// <summary>A named member of <typeparamref name="TEnum"/> (a C# caller can cast any number to an enum).</summary>
    public bool Defined<TEnum>(string field, TEnum value) where TEnum : struct, Enum =>
        Check(Enum.IsDefined(value), field, $"must be one of {string.Join(", ", WireNames.All(typeof(TEnum)))}; got {value}");

    /// <summary>The JSON name of an enum member ("leaky-relu").</summary>
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => WireNames.Of(value);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private bool Check(bool ok, string field, string message)
    {
        if (!ok) Add(field, message);
        return ok;
    }
}
