using System.Runtime.Intrinsics;
using GradientService.Core.Layers;
using GradientService.Contracts.Spec;
using GradientService.Core.Tensors;

namespace GradientService.Core.Optimizers;

/// <summary>
/// A first-order optimizer over a run's parameters, with PyTorch's update rules (torch.optim). Hyper-parameters come
/// from the <see cref="OptimizerSpec"/>; per-parameter state (moments, step sizes) is allocated once here and exposed
/// as <see cref="StateTensors"/> for checkpoints. Updates are computed in T as PyTorch computes them for that dtype;
/// the update norms are accumulated in float64.
/// </summary>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Prefix of every state tensor's name in a checkpoint.</summary>
    public const string StatePrefix = "optim.";

    private readonly List<(string Name, T[] Data)> _state = [];
    private readonly Action<int, MatrixProduct<T>> _updatePart;

    /// <summary>The update's parts: each parameter's blocks (<see cref="TensorBlocks"/>), with each part's Σ(ΔW)² and ΣW².</summary>
    private readonly (int Parameter, int Start, int Length)[] _parts;
    private readonly double[] _partDelta, _partValue;
    private double _partRate;

    protected Optimizer(OptimizerSpec spec, IReadOnlyList<Parameter<T>> parameters)
    {
        Spec = spec;
        Parameters = parameters;
        _updatePart = UpdatePart;
        _parts = [.. parameters.SelectMany((p, i) => Enumerable.Range(0, TensorBlocks.Count(p.Length)).Select(b => TensorBlocks.Range(p.Length, b)).Select(r => (i, r.Start, r.Length)))];
        (_partDelta, _partValue) = (new double[_parts.Length], new double[_parts.Length]);
    }

    /// <summary>The hyper-parameters this optimizer was built from.</summary>
    public OptimizerSpec Spec { get; }

    /// <summary>The parameters it updates, in the order of the norm spans passed to <see cref="Step(double, Span{double}, Span{double})"/>.</summary>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Updates applied so far, t ≥ 0 (Adam's bias corrections use it); set it when restoring a checkpoint.</summary>
    public int StepCount { get; set; }

    /// <summary>
    /// Per-parameter state, named "optim.{parameter}.{PyTorch state key}" (e.g. "optim.layers.0.weight.exp_avg"),
    /// shaped like its parameter. The arrays are the live state: restoring a checkpoint copies into them.
    /// </summary>
    public IReadOnlyList<(string Name, T[] Data)> StateTensors => _state;

    /// <summary>The optimizer <paramref name="spec"/> names, with its state allocated for <paramref name="parameters"/>.</summary>
    public static Optimizer<T> Create(OptimizerSpec spec, IReadOnlyList<Parameter<T>> parameters) => spec.Kind switch
    {
        OptimizerKind.Sgd => new Sgd<T>(spec, parameters),
        OptimizerKind.Momentum => new SgdMomentum<T>(spec, parameters),
        OptimizerKind.RmsProp => new RmsProp<T>(spec, parameters),
        OptimizerKind.Adam => new Adam<T>(spec, parameters),
        OptimizerKind.AdamW => new AdamW<T>(spec, parameters),
        OptimizerKind.Rprop => new Rprop<T>(spec, parameters),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "Unknown optimizer."),
    };

    /// <summary>
    /// Applies one update with step size η = <paramref name="learningRate"/> to every parameter from its Grad, in place.
    /// Writes, per parameter index i, <paramref name="deltaSquares"/>[i] = Σ(ΔW)² of the update actually applied and
    /// <paramref name="valueSquares"/>[i] = ΣW² before it (float64, one pass, no allocation).
    /// </summary>
    public void Step(double learningRate, Span<double> deltaSquares, Span<double> valueSquares)
    {
        CheckNormSpans(deltaSquares.Length, valueSquares.Length);
        StepCount++;
        _partRate = learningRate;
        for (var part = 0; part < _parts.Length; part++) UpdatePart(part, null);
        Combine(deltaSquares, valueSquares);
    }

    /// <summary>
    /// As <see cref="Step(double, Span{double}, Span{double})"/>, with the parameters' blocks shared out over the threads of
    /// <paramref name="mm"/>: each block is computed whole by one thread and the blocks' sums added in order, so the result
    /// is the same on any.
    /// </summary>
    internal void Step(double learningRate, double[] deltaSquares, double[] valueSquares, MatrixProduct<T> mm)
    {
        CheckNormSpans(deltaSquares.Length, valueSquares.Length);
        StepCount++;
        _partRate = learningRate;
        mm.ForEachPart(_parts.Length, _updatePart);
        Combine(deltaSquares, valueSquares);
    }

    /// <summary>
    /// The rule applied to elements [<paramref name="start"/>, start + <paramref name="length"/>) of parameter
    /// <paramref name="i"/> (and of its state); returns their Σ(ΔW)² and ΣW² before the update. <see cref="StepCount"/>
    /// already counts this step (t = 1 on the first).
    /// </summary>
    protected abstract (double DeltaSquares, double ValueSquares) Update(double learningRate, int i, int start, int length);

    private void UpdatePart(int part, MatrixProduct<T>? mm)
    {
        var (i, start, length) = _parts[part];
        (_partDelta[part], _partValue[part]) = Update(_partRate, i, start, length);
    }

    /// <summary>Each parameter's sums: its blocks' partials added in block order.</summary>
    private void Combine(Span<double> deltaSquares, Span<double> valueSquares)
    {
        deltaSquares[..Parameters.Count].Clear();
        valueSquares[..Parameters.Count].Clear();
        for (var part = 0; part < _parts.Length; part++)
        {
            var i = _parts[part].Parameter;
            deltaSquares[i] += _partDelta[part];
            valueSquares[i] += _partValue[part];
        }
    }

    private void CheckNormSpans(int deltas, int values)
    {
        if (deltas < Parameters.Count || values < Parameters.Count)
            throw new ArgumentException($"Norm spans need {Parameters.Count} entries; got {deltas} and {values}.");
    }

    /// <summary>One state array per parameter, registered as "optim.{parameter}.{key}" and filled with <paramref name="initial"/>.</summary>
    protected T[][] AddState(string key, T initial = default)
    {
        var state = new T[Parameters.Count][];
        for (var i = 0; i < state.Length; i++)
        {
            state[i] = new T[Parameters[i].Length];
            if (initial != T.Zero) state[i].AsSpan().Fill(initial);
            _state.Add(($"{StatePrefix}{Parameters[i].Name}.{key}", state[i]));
        }
        return state;
    }

    /// <summary>A hyper-parameter (given in float64) in the compute type, as PyTorch casts a Python scalar.</summary>
    protected static T Scalar(double value) => T.CreateTruncating(value);

    /// <summary>A hyper-parameter broadcast to every lane.</summary>
    protected static Vector256<T> Lanes(double value) => Vector256.Create(Scalar(value));

    /// <summary>g + λW, PyTorch's L2 term; skipped when λ = 0 as PyTorch does (so 0·∞ never makes a NaN).</summary>
    protected static Vector256<T> WithDecay(Vector256<T> gradient, Vector256<T> value, Vector256<T> weightDecay, bool decays) =>
        decays ? gradient + weightDecay * value : gradient;
}
