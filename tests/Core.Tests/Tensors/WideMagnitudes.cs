namespace GradientService.Core.Tests.Tensors;

/// <summary>Test data for float sums whose order must show.</summary>
internal static class WideMagnitudes
{
    /// <summary>Values over many magnitudes (so the order of the adds shows in the low bits), with zeros and −0.</summary>
    public static float[] Values(int length, int seed)
    {
        var rng = new Random(seed);
        var x = new float[length];
        for (var i = 0; i < length; i++)
            x[i] = rng.Next(6) switch
            {
                0 => 0f,
                1 => -0f,
                _ => (float)((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-6, 7))),
            };
        return x;
    }
}
