namespace GradientService.Core.Export;

/// <summary>Wire names and element sizes of <see cref="SafeTensorsDtype"/>.</summary>
public static class SafeTensorsDtypes
{
    /// <summary>Bytes per element: 8, 4, 2 or 1.</summary>
    public static int SizeOf(SafeTensorsDtype dtype) => dtype switch
    {
        SafeTensorsDtype.F64 or SafeTensorsDtype.I64 => 8,
        SafeTensorsDtype.F32 or SafeTensorsDtype.I32 => 4,
        SafeTensorsDtype.F16 or SafeTensorsDtype.BF16 or SafeTensorsDtype.I16 => 2,
        _ => 1,
    };

    /// <summary>The header's "dtype" string ("F64", "BF16", "BOOL", …).</summary>
    public static string WireName(SafeTensorsDtype dtype) => dtype == SafeTensorsDtype.Bool ? "BOOL" : dtype.ToString();

    /// <summary>Parses a header "dtype" string, case-sensitively as the format specifies.</summary>
    public static bool TryParse(string name, out SafeTensorsDtype dtype)
    {
        foreach (var candidate in Enum.GetValues<SafeTensorsDtype>())
        {
            if (WireName(candidate) != name) continue;
            dtype = candidate;
            return true;
        }
        dtype = default;
        return false;
    }

    /// <summary>True for F64, F32, F16 and BF16.</summary>
    public static bool IsFloatingPoint(SafeTensorsDtype dtype) => dtype <= SafeTensorsDtype.BF16;
}
