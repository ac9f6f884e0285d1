namespace GradientService.Core.Training;

/// <summary>
/// Draws training batches epoch by epoch: a seeded shuffle of the training examples, consumed in order and
/// reshuffled when exhausted. Its whole state (order, position, generator) goes into checkpoints.
/// </summary>
internal sealed class BatchSampler
{
    private readonly int[] _batch;

    public BatchSampler(int examples, int batchSize, Rng rng)
    {
        Order = new int[examples];
        for (var i = 0; i < examples; i++) Order[i] = i;
        _batch = new int[Math.Min(batchSize, examples)];
        Rng = rng;
        Rng.Shuffle(Order);
    }

    /// <summary>The current epoch's permutation of the training examples.</summary>
    public int[] Order { get; }

    /// <summary>How many of <see cref="Order"/> are used up.</summary>
    public int Position { get; set; }

    public Rng Rng { get; set; }

    /// <summary>The next batch's example indices (valid until the next call).</summary>
    public ReadOnlySpan<int> Next()
    {
        for (var i = 0; i < _batch.Length; i++)
        {
            if (Position == Order.Length)
            {
                Rng.Shuffle(Order);
                Position = 0;
            }
            _batch[i] = Order[Position++];
        }
        return _batch;
    }
}
