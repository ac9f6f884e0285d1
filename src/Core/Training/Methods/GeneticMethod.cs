using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Core.Export;
using GradientService.Core.Tensors;

namespace GradientService.Core.Training.Methods;

/// <summary>
/// A genetic algorithm over the weight vector (Such et al. 2017, "Deep Neuroevolution", with tournament selection and
/// uniform crossover after Goldberg 1989). One step is one generation: evaluate the N members on the step's batch
/// (forward passes only, <see cref="PopulationEvaluator{T}"/>), rank them, write the best into the net, then breed the
/// next generation: the E best unchanged (elitism), each other child from tournament-selected parents, by uniform
/// crossover with probability <see cref="SearchSpec.CrossoverRate"/>, each weight mutated with probability
/// <see cref="SearchSpec.MutationRate"/> by w += σ_m·ε. A child's draws come from its own <see cref="SearchStream"/>
/// keyed by generation and child index, so breeding is parallel and the same on any thread count. Member 0 starts as
/// the run's initialised net, the others from the init scheme with their own streams. State: the population.
/// </summary>
internal sealed class GeneticMethod<T> : ITrainingMethod<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string PopulationTensor = "search.population";

    private readonly TrainingRun<T> _run;
    private readonly SearchSpec _search;
    private readonly ulong _seed;
    private readonly int _members, _length;
    private readonly PopulationEvaluator<T> _evaluator;
    private readonly PopulationRanking _ranking;
    private readonly PopulationDiversity<T> _diversity;
    private readonly GenerationRecorder<T> _recorder;
    private readonly Action<int, MatrixProduct<T>> _breed;
    private T[] _population, _next;
    private int _generation;

    public GeneticMethod(TrainingRun<T> run)
    {
        (_run, _search, _seed) = (run, run.Spec.Search, run.Spec.Training.Seed);
        _members = _search.PopulationSize;
        _length = PopulationEvaluator<T>.LengthOf(run.Net);
        (_population, _next) = (new T[_members * _length], new T[_members * _length]);
        _evaluator = new PopulationEvaluator<T>(run, _members, (m, into) => Member(_population, m).CopyTo(into));
        _ranking = new PopulationRanking(_members);
        _diversity = new PopulationDiversity<T>(_length);
        _recorder = new GenerationRecorder<T>(run);
        _breed = Breed;
        PopulationEvaluator<T>.Gather(run.Net.Parameters, Member(_population, 0));
        var scratch = _evaluator.ScratchNet;
        for (var m = 1; m < _members; m++)
        {
            scratch.Initialize(run.Spec.Init, new Rng(new SearchStream(_seed, SearchPurpose.Initial, 0, m).NextUInt64()));
            PopulationEvaluator<T>.Gather(scratch.Parameters, Member(_population, m));
        }
    }

    public ReadOnlySpan<bool> LayersWithGradients => _recorder.LayersWithGradients;

    public Divergence? Step(int step, bool probes)
    {
        _run.LoadNextBatch();
        _evaluator.EvaluateAll();
        var losses = _evaluator.Losses;
        _ranking.Sort(losses);
        _run.Record.MarkAbsent(StepMetric.LearningRate);
        var divergence = _recorder.Record(step, Member(_population, _ranking.Best), PopulationRanking.MeanFinite(losses),
            _diversity.Of(_population, _members), (long)step * _members, probes);
        if (divergence is not null) return divergence;
        _generation = step;
        _run.Mm.ForEachPart(_members, _breed);
        (_population, _next) = (_next, _population);
        return null;
    }

    public void SaveState(List<SafeTensor> tensors, Dictionary<string, string> metadata) =>
        tensors.Add(SafeTensor.Of<T>(PopulationTensor, _population, _members, _length));

    public void LoadState(SafeTensorsFile file) => file.ReadInto<T>(PopulationTensor, _population);

    private Span<T> Member(T[] rows, int member) => rows.AsSpan(member * _length, _length);

    /// <summary>Child <paramref name="child"/> of the next generation, from the ranked current one.</summary>
    private void Breed(int child, MatrixProduct<T> _)
    {
        var target = Member(_next, child);
        if (child < _search.Elites)
        {
            Member(_population, _ranking.Order[child]).CopyTo(target);
            return;
        }
        var stream = new SearchStream(_seed, SearchPurpose.Breeding, _generation, child);
        Member(_population, Tournament(ref stream)).CopyTo(target);
        if (stream.NextDouble() < _search.CrossoverRate)
        {
            ReadOnlySpan<T> other = Member(_population, Tournament(ref stream));
            var mask = 0UL;
            for (var j = 0; j < target.Length; j++)
            {
                if ((j & 63) == 0) mask = stream.NextUInt64();
                if ((mask >> (j & 63) & 1) != 0) target[j] = other[j];
            }
        }
        var (rate, scale) = (_search.MutationRate, _search.MutationScale);
        if (rate <= 0 || scale <= 0) return;
        for (var j = 0; j < target.Length; j++)
            if (rate >= 1 || stream.NextDouble() < rate) target[j] += T.CreateTruncating(scale * stream.NextGaussian());
    }

    /// <summary>The best-ranked of <see cref="SearchSpec.TournamentSize"/> members drawn uniformly (with replacement).</summary>
    private int Tournament(ref SearchStream stream)
    {
        var rank = _ranking.Rank;
        var best = stream.Next(_members);
        for (var k = 1; k < _search.TournamentSize; k++)
        {
            var candidate = stream.Next(_members);
            if (rank[candidate] < rank[best]) best = candidate;
        }
        return best;
    }
}
