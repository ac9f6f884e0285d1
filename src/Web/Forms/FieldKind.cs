namespace GradientService.Web.Forms;

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
}
