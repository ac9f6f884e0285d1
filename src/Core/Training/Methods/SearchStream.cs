namespace GradientService.Core.Training.Methods;

/// <summary>
/// A counter-based random stream for gradient-free search: SplitMix64 (Steele, Lea &amp; Flood 2014) started from a key
/// hashed from the run's seed, a purpose, the generation and the member index. A member's numbers depend on that key
/// alone, never on the thread that draws them or on what other members drew, so a generation is bitwise the same on any
/// thread count, and a resumed run needs no generator state beyond the step number. A value type: drawing allocates nothing.
/// </summary>
internal struct SearchStream
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    /// <summary>The stream of member <paramref name="member"/> in generation <paramref name="generation"/> for <paramref name="purpose"/>.</summary>
    public SearchStream(ulong seed, SearchPurpose purpose, int generation, int member)
    {
        var x = Mix(seed + Golden);
        x = Mix(x ^ (ulong)purpose);
        x = Mix(x ^ (uint)generation);
        _state = Mix(x ^ (uint)member);
    }

    public ulong NextUInt64() => Mix(_state += Golden);

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="count"/>) (Lemire's multiply-shift).</summary>
    public int Next(int count) => (int)(((UInt128)NextUInt64() * (ulong)count) >> 64);

    /// <summary>Standard normal N(0, 1) by the Box–Muller transform, one value per call.</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>SplitMix64's output function (Stafford's Mix13 variant).</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>What a <see cref="SearchStream"/> draws for: separate purposes never share numbers.</summary>
internal enum SearchPurpose : ulong
{
    /// <summary>A genetic algorithm's initial member (its init scheme's draws).</summary>
    Initial = 1,
    /// <summary>A genetic algorithm's child: tournaments, crossover mask and mutations.</summary>
    Breeding = 2,
    /// <summary>An evolution strategy's perturbation ε.</summary>
    Noise = 3,
}
