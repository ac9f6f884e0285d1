namespace GradientService.Core.Tests;

/// <summary>
/// Counting allocations of a steady state. The runtime's per-thread counter now and then reports some kilobytes that were
/// never allocated (dotnet/runtime#63487, #74388), so a test looks at a few windows of the same work: what allocates
/// nothing shows 0 in at least one, while an allocation per call or step shows in every one.
/// </summary>
internal static class Allocations
{
    public const int Windows = 3;

    /// <summary>The fewest bytes <paramref name="counter"/> rose by over one run of <paramref name="work"/>, of up to <see cref="Windows"/> runs.</summary>
    public static long Fewest(Func<long> counter, Action work)
    {
        var fewest = long.MaxValue;
        for (var w = 0; w < Windows && fewest != 0; w++)
        {
            var before = counter();
            work();
            fewest = Math.Min(fewest, counter() - before);
        }
        return fewest;
    }

    /// <summary>The fewest of the rises between consecutive readings (a counter read at several points of one run).</summary>
    public static long Fewest(IReadOnlyList<long> readings) => readings.Zip(readings.Skip(1), (a, b) => b - a).Min();
}
