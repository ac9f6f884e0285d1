namespace GradientService.Api.Storage;

/// <summary>A recorded event of a run (kinds in <see cref="Contracts.Wire.RunEventKinds"/>).</summary>
public sealed class EventRow
{
    public long Id { get; set; }

    public long RunKey { get; set; }

    public int Step { get; set; }

    public required string Kind { get; set; }

    public int? Layer { get; set; }

    public double? Value { get; set; }

    public required string Message { get; set; }
}
