namespace GradientService.Contracts.Spec;

/// <summary>
/// The field matters only when the field at <see cref="Path"/> holds one of <see cref="Values"/> (wire names), or, with
/// <see cref="ModelFamily"/>, when the model's record is of that family (e.g. <see cref="RecurrentSpec"/>: every recurrent
/// architecture, present and future); the form hides it otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ShownWhenAttribute : Attribute
{
    public ShownWhenAttribute(string path, params string[] values) => (Path, Values) = (path, values);

    public ShownWhenAttribute(Type modelFamily) => (Path, Values, ModelFamily) = ("model.architecture", [], modelFamily);

    public string Path { get; }

    public IReadOnlyList<string> Values { get; }

    /// <summary>A base record of the model's architectures; null for a plain path and values.</summary>
    public Type? ModelFamily { get; }
}
