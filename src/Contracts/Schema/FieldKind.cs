namespace GradientService.Contracts.Schema;

/// <summary>How a spec field is edited.</summary>
public enum FieldKind
{
    Choice,
    Integer,
    Number,
    Flag,
    Text,
    LongText,
    IntegerList,

    /// <summary>A list of objects (a cnn's layer list), edited as its JSON text.</summary>
    Json,
}
