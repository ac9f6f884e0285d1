namespace GradientService.Api.Storage;

/// <summary>The complete training state after <see cref="Step"/> (the trainer's safetensors checkpoint).</summary>
public sealed class CheckpointRow
{
    public long RunKey { get; set; }

    public int Step { get; set; }

    public required byte[] Data { get; set; }

    public DateTime CreatedAt { get; set; }
}
