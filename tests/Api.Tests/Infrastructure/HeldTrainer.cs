using GradientService.Core.Probes;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Api.Tests.Infrastructure;

/// <summary>The engine's trainer, held at a gate after computing <paramref name="step"/> and before reporting it.</summary>
public sealed class HeldTrainer(Trainer inner, int step, StepGate gate) : Trainer
{
    public override RunSpec Spec => inner.Spec;

    public override ModelInfo Model => inner.Model;

    public override int StepsDone => inner.StepsDone;

    public override TrainingResult Run(Action<StepRecord> onStep, CancellationToken cancel = default) =>
        inner.Run(record =>
        {
            if (record.Step == step) gate.Wait(cancel);
            onStep(record);
        }, cancel);

    public override void SaveCheckpoint(Stream destination) => inner.SaveCheckpoint(destination);

    public override void LoadCheckpoint(Stream source) => inner.LoadCheckpoint(source);

    public override void ExportWeights(Stream destination) => inner.ExportWeights(destination);

    public override void ImportWeights(Stream source) => inner.ImportWeights(source);

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
