using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Data;

/// <summary>
/// The adding problem (Hochreiter &amp; Schmidhuber 1997), in the variant of Le, Jaitly &amp; Hinton (2015): T steps of two
/// channels, step t = [v_t, m_t] with v_t ~ U[0, 1] and m_t a marker that is 1 at exactly two steps, one drawn
/// uniformly from the first half [0, ⌊T/2⌋) and one from the second [⌊T/2⌋, T), else 0. One regression target per
/// sequence: the sum of the two marked values. Input 2 per step, 1 target. Always predicting 1 gives MSE = Var of a
/// sum of two U[0, 1] = 1/6 ≈ 0.167, the baseline a net must beat.
/// </summary>
internal static class AddingProblem
{
    public const int Channels = 2;

    public static DataShape Shape(DataSpec data) => new(Channels, 1, false, data.SequenceLength, 1, true);

    /// <summary>T ≥ 2 so each half holds a marker.</summary>
    public static void Validate(DataSpec data, ICollection<SpecError> errors) => FieldCheck.Sequences(errors, data, 2, 0, Channels);

    public static Dataset.Split Generate(DataSpec data, Rng rng)
    {
        var (n, T) = (data.Samples, data.SequenceLength);
        var half = T / 2;
        var stride = T * Channels;
        var x = new double[n * stride];
        var y = new double[n];
        for (var row = 0; row < n; row++)
        {
            var seq = x.AsSpan(row * stride, stride);
            for (var t = 0; t < T; t++) seq[t * Channels] = rng.NextDouble();
            var first = rng.Next(half);
            var second = half + rng.Next(T - half);
            seq[first * Channels + 1] = seq[second * Channels + 1] = 1;
            y[row] = seq[first * Channels] + seq[second * Channels];
        }
        return new Dataset.Split(n, x, [], y);
    }
}
