using System.Globalization;

namespace GradientService.Web.Charts;

/// <summary>How the dashboard writes a measured or predicted number in text: four significant digits, "—" when absent.</summary>
public static class Figure
{
    public static string Of(double? value) => value switch
    {
        null => "—",
        { } v when double.IsNaN(v) => "NaN",
        { } v => v.ToString("G4", CultureInfo.InvariantCulture),
    };

    public static string Of(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "—";

    /// <summary>A share in [0, 1] as a percentage.</summary>
    public static string Percent(double? share) => share is { } s ? (100 * s).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";
}
