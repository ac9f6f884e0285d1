namespace GradientService.Contracts.Spec;

/// <summary>The field matters only when the field at <see cref="Path"/> holds one of <see cref="Values"/> (wire names); the form hides it otherwise.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ShownWhenAttribute(string path, params string[] values) : Attribute
{
    public string Path { get; } = path;

    public IReadOnlyList<string> Values { get; } = values;
}
