using GradientService.Contracts.Wire;

namespace GradientService.Api.Storage;

/// <summary>One submitted run: its spec, life cycle, summary and lease. Children are keyed by <see cref="Key"/>.</summary>
public sealed class RunRecord
{
    /// <summary>Internal surrogate key: small integer keys keep the sample tables compact.</summary>
    public long Key { get; set; }

    /// <summary>The public id.</summary>
    public Guid Id { get; set; }

    public string? Name { get; set; }

    public string? Preset { get; set; }

    public RunStatus Status { get; set; }

    /// <summary>The validated spec, serialised with SpecJson.Options.</summary>
    public required string SpecJson { get; set; }

    // Denormalised from the spec so the list filters are index lookups.
    public required string Architecture { get; set; }

    public required string Activation { get; set; }

    public required string Init { get; set; }

    public int Depth { get; set; }

    public int TotalSteps { get; set; }

    /// <summary>Last recorded step (written in the recorder's transactions).</summary>
    public int StepsDone { get; set; }

    /// <summary>Step of the newest stored checkpoint (0 = none).</summary>
    public int CheckpointStep { get; set; }

    /// <summary>Linear layers, once the model was built.</summary>
    public int LayerCount { get; set; }

    /// <summary>ModelInfo's layers as JSON (name, sizes, kind), once the model was built.</summary>
    public string? LayersJson { get; set; }

    public int RecurrentLayers { get; set; }

    public long ParameterCount { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public string? Reason { get; set; }

    public int? DivergedStep { get; set; }

    public int? DivergedLayer { get; set; }

    public double? LastLoss { get; set; }

    public double? LastAccuracy { get; set; }

    public double? LastTestLoss { get; set; }

    public double? LastTestAccuracy { get; set; }

    public int ClipEvents { get; set; }

    public int NonFiniteEvents { get; set; }

    public bool CancelRequested { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTime? LeaseExpiresAt { get; set; }

    /// <summary>Times the run was (re)started by a worker.</summary>
    public int Attempts { get; set; }

    /// <summary>The run this one is a try-it of (its spec is the parent's with <see cref="Remedy"/> applied).</summary>
    public Guid? ParentId { get; set; }

    /// <summary>The remedy's id (<see cref="Contracts.Wire.RemedySuggestion.Id"/>) when this run is a try-it.</summary>
    public string? Remedy { get; set; }

    /// <summary>The sweep this run is a cell of.</summary>
    public Guid? SweepId { get; set; }

    /// <summary>The cell's flat index in its sweep's grid (the last axis varying fastest).</summary>
    public int? SweepCell { get; set; }
}
