namespace GradientService.Api.Storage;

/// <summary>A submitted sweep (<see cref="Contracts.Wire.SweepRequest"/>); its cells are ordinary runs carrying its id.</summary>
public sealed class SweepRecord
{
    public long Key { get; set; }

    public Guid Id { get; set; }

    public string? Name { get; set; }

    public string? Preset { get; set; }

    /// <summary>The axes as JSON (a <see cref="Contracts.Wire.SweepAxis"/> array).</summary>
    public required string AxesJson { get; set; }

    /// <summary>The base spec every cell started from (the preset merged with the request's spec), as JSON; fields left out take their defaults.</summary>
    public required string BaseSpecJson { get; set; }

    public int Cells { get; set; }

    public DateTime CreatedAt { get; set; }
}
