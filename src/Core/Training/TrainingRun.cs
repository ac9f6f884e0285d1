using GradientService.Core.Data;
using GradientService.Core.Layers;
using GradientService.Core.Losses;
using GradientService.Core.Probes;
using GradientService.Contracts.Spec;
using GradientService.Core.Tensors;

namespace GradientService.Core.Training;

/// <summary>
/// What a training method works on: the run's spec, data, model, loss, batches, threads and the reused step record,
/// all allocated once by the trainer. The method owns how they are combined into a step (see
/// <see cref="Methods.ITrainingMethod{T}"/>).
/// </summary>
internal sealed class TrainingRun<T>(
    RunSpec spec, Dataset data, MatrixProduct<T> mm, INetwork<T> net, Loss<T> loss, BatchSampler sampler, Batch<T> batch, StepRecord record)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public RunSpec Spec { get; } = spec;
    public Dataset Data { get; } = data;

    /// <summary>The run's matrix products and its threads (<see cref="MatrixProduct{T}.ForEachPart"/>).</summary>
    public MatrixProduct<T> Mm { get; } = mm;

    public INetwork<T> Net { get; } = net;
    public Loss<T> Loss { get; } = loss;
    public BatchSampler Sampler { get; } = sampler;
    public Batch<T> Batch { get; } = batch;
    public StepRecord Record { get; } = record;

    /// <summary>Each linear layer's parameters, for the gradient and update probes.</summary>
    public LayerParameters[] Layers { get; } = LayerParameters.Group(net.Parameters, net.Info.Layers.Count);

    /// <summary>
    /// Share of the batch's <paramref name="logits"/> predicted right; NaN (recorded as absent) for regression and for a
    /// read-out whose prediction costs more than the step (<see cref="Loss{T}.CountsCorrectPerStep"/>).
    /// </summary>
    public double TrainAccuracy(MatrixView<T> logits, ReadOnlySpan<int> labels) =>
        Data.IsClassification && Loss.CountsCorrectPerStep ? (double)Loss.CountCorrect(logits, labels) / logits.Rows : double.NaN;

    /// <summary>Loads the sampler's next training batch into <see cref="Batch"/>.</summary>
    public void LoadNextBatch() => Batch.Load(Data.Train, Sampler.Next());
}
