namespace GradientService.Api.Storage;

/// <summary>
/// A stored episode of a run (<see cref="Contracts.Wire.RunEpisode"/>), written when it opens and rewritten as it grows
/// and when it closes. Keyed by the detector's track (the layer it watches, 0 for the whole net) and its first step, so an
/// episode whose reported <see cref="Layer"/> changes (vanishing depth) stays one row.
/// </summary>
public sealed class EpisodeRow
{
    public long RunKey { get; set; }

    public required string Kind { get; set; }

    /// <summary>The layer the detector tracks the condition on (1-based), 0 for the whole network.</summary>
    public int Track { get; set; }

    public int FirstStep { get; set; }

    public int LastStep { get; set; }

    public int Steps { get; set; }

    public int? Layer { get; set; }

    public double? Peak { get; set; }

    public int? PeakStep { get; set; }

    public bool Open { get; set; }

    public required string Message { get; set; }
}
