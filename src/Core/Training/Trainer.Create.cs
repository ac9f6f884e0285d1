using GradientService.Core.Data;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Training;

public abstract partial class Trainer
{
    /// <summary>Largest number of held-out examples evaluated in one forward pass.</summary>
    public const int EvaluationChunk = 256;

    /// <summary>
    /// Builds the run a valid spec describes: data set, model, initial weights and optimizer, all drawn from the
    /// spec's seed (one generator forked for the data, one for the weights, one for batch sampling).
    /// </summary>
    /// <param name="spec">A spec the validator accepts (no SpecError).</param>
    /// <param name="threads">Cores the run's matrix kernels may use (the worker's grant); ≥ 1.</param>
    public static Trainer Create(RunSpec spec, int threads = 1)
    {
        var master = new Rng(spec.Training.Seed);
        var data = DatasetFactory.Create(spec.Data, master.Fork());
        return Create(spec, data, master.Fork(), master.Fork(), threads);
    }

    /// <summary>The generator <see cref="Create(RunSpec, int)"/> draws the data set from (the spec's seed, first fork).</summary>
    public static Rng DataRng(RunSpec spec) => new Rng(spec.Training.Seed).Fork();

    /// <summary>Builds a run on a data set the caller supplies (tests, benchmarks).</summary>
    internal static Trainer Create(RunSpec spec, Dataset data, Rng initRng, Rng samplerRng, int threads) =>
        spec.Training.Precision == Precision.Float64
            ? new Trainer<double>(spec, data, initRng, samplerRng, threads)
            : new Trainer<float>(spec, data, initRng, samplerRng, threads);
}
