using System.Reflection;
using System.Text.Json;
using GradientService.Contracts.Spec;

namespace GradientService.Web.Forms;

/// <summary>
/// The New Run form's fields, generated from the spec records themselves (<see cref="RunSpec"/> and its parts): a field
/// added to a record appears in the form with its type, allowed values and, when <see cref="FieldHelp"/> knows it, its
/// range and what it does to the gradients.
/// </summary>
public static class SpecSchema
{
    public static readonly IReadOnlyList<SpecSection> Sections = Build();

    public static SpecField? Find(string path) => Sections.SelectMany(s => s.Fields).FirstOrDefault(f => f.Path == path);

    private static List<SpecSection> Build()
    {
        var sections = new List<SpecSection>();
        foreach (var part in typeof(RunSpec).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!part.PropertyType.IsClass || part.PropertyType == typeof(string)) continue;
            var name = JsonNamingPolicy.CamelCase.ConvertName(part.Name);
            var fields = part.PropertyType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(p => Field(name + "." + JsonNamingPolicy.CamelCase.ConvertName(p.Name), p))
                .OfType<SpecField>()
                .ToList();
            sections.Add(new SpecSection(name, part.Name, FieldHelp.Section(name), fields));
        }
        return sections;
    }

    private static SpecField? Field(string path, PropertyInfo property)
    {
        var type = property.PropertyType;
        var underlying = Nullable.GetUnderlyingType(type);
        var optional = underlying is not null || (!type.IsValueType && new NullabilityInfoContext().Create(property).WriteState == NullabilityState.Nullable);
        var core = underlying ?? type;
        var (kind, choices) = core switch
        {
            { IsEnum: true } => (FieldKind.Choice, Names.All(core)),
            _ when core == typeof(bool) => (FieldKind.Flag, []),
            _ when core == typeof(int) || core == typeof(long) || core == typeof(ulong) => (FieldKind.Integer, []),
            _ when core == typeof(double) || core == typeof(float) => (FieldKind.Number, []),
            _ when core == typeof(int[]) => (FieldKind.IntegerList, []),
            _ when core == typeof(string) => (FieldHelp.IsLongText(path) ? FieldKind.LongText : FieldKind.Text, (IReadOnlyList<string>)[]),
            _ => ((FieldKind?)null, (IReadOnlyList<string>)[]),
        };
        if (kind is not { } k) return null;
        var (min, max) = FieldHelp.Range(path);
        return new SpecField(path, Label(property.Name), k, choices, min, max, optional, FieldHelp.For(path), FieldHelp.Condition(path));
    }

    private static string Label(string name)
    {
        var text = new System.Text.StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append(' ');
            text.Append(text.Length == 0 ? c : char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
