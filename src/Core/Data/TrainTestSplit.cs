using GradientService.Core.Training;

namespace GradientService.Core.Data;

/// <summary>Shuffles all examples with the run's generator, then takes the first ones for training and the rest for test.</summary>
internal static class TrainTestSplit
{
    /// <summary>Test examples: round(n·fraction) (halves up), at least 1 and at most n − 1 so neither split is empty.</summary>
    public static int TestCount(int count, double fraction) => Math.Clamp((int)Math.Round(count * fraction, MidpointRounding.AwayFromZero), 1, count - 1);

    public static (Dataset.Split Train, Dataset.Split Test) Apply(Dataset.Split all, DataShape shape, double fraction, Rng rng)
    {
        var order = new int[all.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        rng.Shuffle(order);
        var testCount = TestCount(all.Count, fraction);
        var trainCount = all.Count - testCount;
        return (Take(all, shape, order.AsSpan(0, trainCount)), Take(all, shape, order.AsSpan(trainCount)));
    }

    /// <summary>The first <paramref name="count"/> examples of <paramref name="split"/> (a fixed training subset, data.trainSubset).</summary>
    public static Dataset.Split First(Dataset.Split split, DataShape shape, int count)
    {
        var rows = new int[count];
        for (var i = 0; i < count; i++) rows[i] = i;
        return Take(split, shape, rows);
    }

    private static Dataset.Split Take(Dataset.Split all, DataShape shape, ReadOnlySpan<int> rows)
    {
        var featureStride = shape.SequenceLength * shape.InputSize;
        var labelStride = shape.IsClassification ? shape.TargetsPerExample : 0;
        var targetStride = shape.IsClassification ? 0 : shape.TargetsPerExample * shape.OutputSize;
        var features = new double[rows.Length * featureStride];
        var labels = new int[rows.Length * labelStride];
        var targets = new double[rows.Length * targetStride];
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            all.Features.AsSpan(r * featureStride, featureStride).CopyTo(features.AsSpan(i * featureStride));
            all.Labels.AsSpan(r * labelStride, labelStride).CopyTo(labels.AsSpan(i * labelStride));
            all.Targets.AsSpan(r * targetStride, targetStride).CopyTo(targets.AsSpan(i * targetStride));
        }
        return new Dataset.Split(rows.Length, features, labels, targets);
    }
}
