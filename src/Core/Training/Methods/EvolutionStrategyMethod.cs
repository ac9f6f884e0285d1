using GradientService.Contracts.Spec;
using GradientService.Core.Export;
using GradientService.Core.Tensors;

namespace GradientService.Core.Training.Methods;

/// <summary>
/// Evolution strategies after Salimans et al. 2017 ("Evolution Strategies as a Scalable Alternative to Reinforcement
/// Learning", Algorithm 1 with the antithetic sampling and centred-rank fitness shaping of §2.1–2.2). One step is one
/// generation: draw N perturbations ε_i ~ N(0, I) (in mirrored pairs ±ε when antithetic), evaluate θ + σε_i on the
/// step's batch (forward passes only), give member i the utility u_i = ½ − rank_i/(N − 1) (best +½, worst −½) and move
/// the mean θ ← θ + α/(Nσ)·Σ_i u_i ε_i, which is written into the net. Each perturbation comes from its own
/// <see cref="SearchStream"/> keyed by generation and pair (or member), so a generation is the same on any thread count
/// and needs no state beyond θ, which is the net's weights (a checkpoint holds it already).
/// </summary>
internal sealed class EvolutionStrategyMethod<T> : ITrainingMethod<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TrainingRun<T> _run;
    private readonly SearchSpec _search;
    private readonly ulong _seed;
    private readonly int _members, _length;
    private readonly PopulationEvaluator<T> _evaluator;
    private readonly PopulationRanking _ranking;
    private readonly PopulationDiversity<T> _diversity;
    private readonly GenerationRecorder<T> _recorder;
    private readonly Action<int, MatrixProduct<T>> _draw;
    private readonly T[] _theta, _noise;
    private readonly T _sigma;
    private readonly double[] _step;
    private int _generation;

    public EvolutionStrategyMethod(TrainingRun<T> run)
    {
        (_run, _search, _seed) = (run, run.Spec.Search, run.Spec.Training.Seed);
        _members = _search.PopulationSize;
        _sigma = T.CreateTruncating(_search.NoiseStd);
        _length = PopulationEvaluator<T>.LengthOf(run.Net);
        (_theta, _noise, _step) = (new T[_length], new T[_members * _length], new double[_length]);
        _evaluator = new PopulationEvaluator<T>(run, _members, Perturbed);
        _ranking = new PopulationRanking(_members);
        _diversity = new PopulationDiversity<T>(_length);
        _recorder = new GenerationRecorder<T>(run);
        _draw = Draw;
    }

    public ReadOnlySpan<bool> LayersWithGradients => _recorder.LayersWithGradients;

    public Divergence? Step(int step, bool probes)
    {
        _run.LoadNextBatch();
        PopulationEvaluator<T>.Gather(_run.Net.Parameters, _theta);
        _generation = step;
        _run.Mm.ForEachPart(_search.Antithetic ? _members / 2 : _members, _draw);
        _evaluator.EvaluateAll();
        var losses = _evaluator.Losses;
        _ranking.Sort(losses);
        Update();
        _run.Record.LearningRate = _search.StepSize;
        return _recorder.Record(step, _theta, PopulationRanking.MeanFinite(losses), _diversity.Of(_noise, _members, _search.NoiseStd),
            (long)step * _members, probes);
    }

    /// <summary>θ is the net's weights, which the checkpoint holds; the noise is redrawn from the step number.</summary>
    public void SaveState(List<SafeTensor> tensors, Dictionary<string, string> metadata)
    {
    }

    public void LoadState(SafeTensorsFile file)
    {
    }

    /// <summary>θ ← θ + α/(Nσ)·Σ_i u_i ε_i, the sum in float64 over members in index order.</summary>
    private void Update()
    {
        Array.Clear(_step);
        var last = Math.Max(1, _members - 1);
        for (var i = 0; i < _members; i++)
        {
            var utility = 0.5 - (double)_ranking.Rank[i] / last;
            var noise = Member(_noise, i);
            for (var j = 0; j < _length; j++) _step[j] += utility * double.CreateTruncating(noise[j]);
        }
        var factor = _search.StepSize / (_members * _search.NoiseStd);
        for (var j = 0; j < _length; j++) _theta[j] += T.CreateTruncating(factor * _step[j]);
    }

    /// <summary>Pair <paramref name="part"/>'s ε and −ε (antithetic), or member <paramref name="part"/>'s ε.</summary>
    private void Draw(int part, MatrixProduct<T> _)
    {
        var stream = new SearchStream(_seed, SearchPurpose.Noise, _generation, part);
        var antithetic = _search.Antithetic;
        var noise = Member(_noise, antithetic ? 2 * part : part);
        for (var j = 0; j < noise.Length; j++) noise[j] = T.CreateTruncating(stream.NextGaussian());
        if (!antithetic) return;
        var mirror = Member(_noise, 2 * part + 1);
        for (var j = 0; j < noise.Length; j++) mirror[j] = -noise[j];
    }

    private void Perturbed(int member, Span<T> into)
    {
        var noise = Member(_noise, member);
        for (var j = 0; j < into.Length; j++) into[j] = _theta[j] + _sigma * noise[j];
    }

    private Span<T> Member(T[] rows, int member) => rows.AsSpan(member * _length, _length);
}
