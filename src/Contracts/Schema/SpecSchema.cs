using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using GradientService.Contracts.Spec;

namespace GradientService.Contracts.Schema;

/// <summary>
/// The one schema of the run spec, read from the spec records' System.Text.Json contracts (<see cref="SpecJson.Options"/>:
/// the JSON names, types, nullability and the model's records by architecture) and their attributes ([Description],
/// [Range], [ShownWhen], [DataType]). The Api walks a submitted document against it (<see cref="Members"/>,
/// <see cref="ModelRecords"/>) and the dashboard draws its form from it (<see cref="Sections"/>), so a field added to a
/// record appears in both with its help, range and the architectures that have it.
/// </summary>
public static class SpecSchema
{
    /// <summary>The model's record per architecture wire name ("mlp" → <see cref="MlpSpec"/>), in declaration order.</summary>
    public static IReadOnlyDictionary<string, Type> ModelRecords { get; } = SpecJson.Options.GetTypeInfo(typeof(ModelSpec)).PolymorphismOptions!
        .DerivedTypes.ToDictionary(d => (string)d.TypeDiscriminator!, d => d.DerivedType); // ModelSpec is [JsonPolymorphic] with string discriminators

    /// <summary>A model of <paramref name="architecture"/> with every field at its default.</summary>
    public static ModelSpec NewModel(Architecture architecture) => NewModel(WireNames.Of(architecture));

    /// <summary>A model of the architecture with this wire name, every field at its default.</summary>
    public static ModelSpec NewModel(string architecture) =>
        (ModelSpec)Activator.CreateInstance(ModelRecords[architecture])!; // every model record has a public parameterless constructor

    /// <summary>The architecture a model object names; mlp when it names none.</summary>
    public const string DefaultArchitecture = "mlp";

    /// <summary>The model's discriminator member.</summary>
    public const string ArchitectureMember = "architecture";

    public static IReadOnlyList<SpecSection> Sections { get; } = Build();

    public static SpecField? Find(string path) => Sections.SelectMany(s => s.Fields).FirstOrDefault(f => f.Path == path);

    /// <summary>The JSON members of a spec record by name (a model record's without its discriminator).</summary>
    public static IReadOnlyDictionary<string, JsonPropertyInfo> Members(Type record) =>
        SpecJson.Options.GetTypeInfo(record).Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>True for the spec's nested records (model, init …), which are JSON objects.</summary>
    public static bool IsRecord(Type type) => type.IsClass && !type.IsArray && type != typeof(string) && type.Namespace == typeof(RunSpec).Namespace;

    /// <summary>The architectures (wire names) whose record has the model member <paramref name="name"/>.</summary>
    public static IReadOnlyList<string> ArchitecturesWith(string name) =>
        [.. ModelRecords.Where(r => Members(r.Value).ContainsKey(name)).Select(r => r.Key)];

    private static List<SpecSection> Build()
    {
        var sections = new List<SpecSection>();
        foreach (var part in Members(typeof(RunSpec)).Values.Where(p => IsRecord(p.PropertyType)))
        {
            var fields = part.PropertyType == typeof(ModelSpec) ? ModelFields() : [.. Members(part.PropertyType).Values.Select(p => Field(part.Name, p, []))];
            sections.Add(new SpecSection(part.Name, Label(part.Name), Attribute<DescriptionAttribute>(part)?.Description ?? "", [.. fields.OfType<SpecField>()]));
        }
        return sections;
    }

    /// <summary>The architecture, then every member of any model record once, each with the architectures that have it.</summary>
    private static List<SpecField?> ModelFields()
    {
        List<SpecField?> fields =
        [
            new SpecField("model." + ArchitectureMember, Label(ArchitectureMember), FieldKind.Choice, [.. ModelRecords.Keys], null, null, false,
                Attribute<DescriptionAttribute>(typeof(ModelSpec))?.Description ?? "", null, []),
        ];
        var all = ModelRecords.Count;
        // Members of the shared base records first (depth, width …), as they are declared.
        var members = ModelRecords.Values.SelectMany(Members).DistinctBy(m => m.Key)
            .OrderBy(m => Generations((m.Value.AttributeProvider as MemberInfo)?.DeclaringType));
        foreach (var (name, member) in members)
        {
            var architectures = ArchitecturesWith(name);
            fields.Add(Field("model", member, architectures.Count == all ? [] : architectures));
        }
        return fields;
    }

    private static SpecField? Field(string section, JsonPropertyInfo member, IReadOnlyList<string> architectures)
    {
        var path = section + "." + member.Name;
        var underlying = Nullable.GetUnderlyingType(member.PropertyType);
        var optional = underlying is not null || (!member.PropertyType.IsValueType && member.IsSetNullable);
        var core = underlying ?? member.PropertyType;
        var (kind, choices) = core switch
        {
            { IsEnum: true } => (FieldKind.Choice, WireNames.All(core)),
            _ when core == typeof(bool) => (FieldKind.Flag, []),
            _ when core == typeof(int) || core == typeof(long) || core == typeof(ulong) => (FieldKind.Integer, []),
            _ when core == typeof(double) || core == typeof(float) => (FieldKind.Number, []),
            _ when core == typeof(int[]) => (FieldKind.IntegerList, []),
            { IsArray: true } => (FieldKind.Json, []),
            _ when core == typeof(string) => (Attribute<DataTypeAttribute>(member)?.DataType == DataType.MultilineText ? FieldKind.LongText : FieldKind.Text,
                (IReadOnlyList<string>)[]),
            _ => ((FieldKind?)null, (IReadOnlyList<string>)[]),
        };
        if (kind is not { } k) return null;
        var range = Attribute<RangeAttribute>(member);
        var when = Attribute<ShownWhenAttribute>(member);
        return new SpecField(path, Label(member.Name), k, choices, Bound(range?.Minimum), Bound(range?.Maximum), optional,
            Attribute<DescriptionAttribute>(member)?.Description ?? "", when is null ? null : Condition(when), architectures);
    }

    private static FieldCondition Condition(ShownWhenAttribute when) => when.ModelFamily is { } family
        ? new FieldCondition(when.Path, [.. ModelRecords.Where(r => r.Value.IsAssignableTo(family)).Select(r => r.Key)])
        : new FieldCondition(when.Path, when.Values);

    private static int Generations(Type? type) => type?.BaseType is { } parent ? 1 + Generations(parent) : 0;

    private static double? Bound(object? value) => value is null ? null : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);

    private static T? Attribute<T>(JsonPropertyInfo member) where T : Attribute =>
        member.AttributeProvider?.GetCustomAttributes(typeof(T), inherit: true).OfType<T>().FirstOrDefault();

    private static T? Attribute<T>(Type type) where T : Attribute => type.GetCustomAttribute<T>();

    /// <summary>"leakyReluSlope" → "Leaky relu slope".</summary>
    private static string Label(string name)
    {
        var text = new System.Text.StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append(' ');
            text.Append(text.Length == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
