namespace GradientService.Contracts.Schema;

/// <summary>
/// One field of the run spec. <c>Path</c> is its camelCase JSON path ("model.depth"), the key the Api's validation
/// errors use. <c>Choices</c> are the allowed wire names of an enum; <c>Min</c>/<c>Max</c> its range (a [Range] on the
/// record, from <c>Limits</c>); <c>Optional</c> fields may be left empty (the engine's default applies); <c>Help</c> is
/// the record's [Description]. <c>Architectures</c>: for a model field, the architectures whose record has it.
/// </summary>
public sealed record SpecField(
    string Path,
    string Label,
    FieldKind Kind,
    IReadOnlyList<string> Choices,
    double? Min,
    double? Max,
    bool Optional,
    string Help,
    FieldCondition? ShownWhen,
    IReadOnlyList<string> Architectures);

/// <summary>The field matters only when <c>Path</c> holds one of <c>Values</c> (e.g. momentum only for the momentum optimizer).</summary>
public sealed record FieldCondition(string Path, IReadOnlyList<string> Values);

/// <summary>One part of the spec (model, init, data …) and its fields.</summary>
public sealed record SpecSection(string Name, string Title, string Help, IReadOnlyList<SpecField> Fields);
