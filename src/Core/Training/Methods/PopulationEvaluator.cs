using GradientService.Core.Layers;
using GradientService.Core.Models;
using GradientService.Core.Tensors;

namespace GradientService.Core.Training.Methods;

/// <summary>
/// Evaluates a population of weight vectors on the run's current batch by forward passes only, one member per part on
/// the run's threads (<see cref="MatrixProduct{T}.ForEachPart"/>). Each thread's lane has its own copy of the network
/// (buffers sized for one batch) and a scratch weight vector; a member's loss depends on its weights and the batch alone,
/// so the losses are bitwise the same on any thread count. A weight vector is the net's parameters flattened in
/// <see cref="INetwork{T}.Parameters"/> order (<see cref="LengthOf"/> weights).
/// </summary>
internal sealed class PopulationEvaluator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Writes member <c>member</c>'s weight vector into <c>into</c> (called on any of the run's threads).</summary>
    public delegate void MemberWeights(int member, Span<T> into);

    private readonly TrainingRun<T> _run;
    private readonly IReadOnlyList<MatrixProduct<T>> _lanes;
    private readonly INetwork<T>[] _nets;
    private readonly T[][] _scratch;
    private readonly MemberWeights _weightsOf;
    private readonly Action<int, MatrixProduct<T>> _evaluate;

    public PopulationEvaluator(TrainingRun<T> run, int members, MemberWeights weightsOf)
    {
        _run = run;
        _weightsOf = weightsOf;
        _lanes = run.Mm.Lanes;
        var rows = run.Batch.Capacity;
        _nets = [.. _lanes.Select(lane => Architectures.Of(run.Spec.Model).Build(run.Spec.Model, run.Spec.Training.Output, run.Data, rows, lane))];
        var length = LengthOf(run.Net);
        _scratch = [.. _lanes.Select(_ => new T[length])];
        Losses = new double[members];
        _evaluate = Evaluate;
    }

    /// <summary>Weights in one member's vector: every parameter of <paramref name="net"/>.</summary>
    public static int LengthOf(INetwork<T> net) => net.Parameters.Sum(p => p.Length);

    /// <summary>Per member, its loss on the batch of the last <see cref="EvaluateAll"/>.</summary>
    public double[] Losses { get; }

    /// <summary>Evaluates every member on the run's current batch into <see cref="Losses"/>.</summary>
    public void EvaluateAll() => _run.Mm.ForEachPart(Losses.Length, _evaluate);

    /// <summary>A network of a lane's own, to draw initial weights into (construction only).</summary>
    public INetwork<T> ScratchNet => _nets[0];

    /// <summary>The net's weights, flattened into <paramref name="into"/>.</summary>
    public static void Gather(IReadOnlyList<Parameter<T>> parameters, Span<T> into)
    {
        // Indexed, not foreach: an interface's enumerator is a heap object.
        for (int i = 0, offset = 0; i < parameters.Count; offset += parameters[i].Length, i++) parameters[i].Value.CopyTo(into[offset..]);
    }

    /// <summary>Writes the weight vector <paramref name="weights"/> into the net's parameters.</summary>
    public static void Scatter(ReadOnlySpan<T> weights, IReadOnlyList<Parameter<T>> parameters)
    {
        for (int i = 0, offset = 0; i < parameters.Count; offset += parameters[i].Length, i++)
            weights.Slice(offset, parameters[i].Length).CopyTo(parameters[i].Value);
    }

    private void Evaluate(int member, MatrixProduct<T> lane)
    {
        var slot = 0;
        while (!ReferenceEquals(_lanes[slot], lane)) slot++;
        var (net, weights, batch) = (_nets[slot], _scratch[slot], _run.Batch);
        _weightsOf(member, weights);
        Scatter(weights, net.Parameters);
        var logits = net.Forward(batch.Inputs, true, null);
        Losses[member] = _run.Loss.Compute(logits, batch.Labels, batch.Targets, null);
    }
}
