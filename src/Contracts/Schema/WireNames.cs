using System.Reflection;
using System.Text.Json.Serialization;

namespace GradientService.Contracts.Schema;

/// <summary>Wire names of enum values (the kebab-case names the Api reads and writes).</summary>
public static class WireNames
{
    public static string Of<T>(T value) where T : struct, Enum => Of(typeof(T), value.ToString());

    public static string Of(Type enumType, string member) =>
        enumType.GetField(member)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? member;

    /// <summary>Every wire name of an enum, in declaration order.</summary>
    public static IReadOnlyList<string> All(Type enumType) => [.. Enum.GetNames(enumType).Select(n => Of(enumType, n))];
}
