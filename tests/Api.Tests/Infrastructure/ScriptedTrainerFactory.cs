using System.Collections.Concurrent;
using GradientService.Api.Workers;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Api.Tests.Infrastructure;

/// <summary>Builds <see cref="ScriptedTrainer"/>s and holds what the test planted: a spike, a divergence, gates that hold a run before a step.</summary>
public sealed class ScriptedTrainerFactory : ITrainerFactory
{
    private readonly ConcurrentDictionary<int, StepGate> _gates = new();

    public int SpikeAt { get; set; } = -1;

    public double SpikeValue { get; set; } = 1e6;

    public int DivergeAt { get; set; } = -1;

    /// <summary>Every k-th step computes no gradient (as a gradient-free generation would): its gradient metrics are absent (0: none).</summary>
    public int GradientFreeEvery { get; set; }

    public Trainer Create(RunSpec spec, int threads) => new ScriptedTrainer(spec, this);

    /// <summary>The next trainer to reach <paramref name="step"/> waits there until the gate opens (or the run is cancelled).</summary>
    public StepGate Arm(int step) => _gates[step] = new StepGate();

    internal StepGate? GateAt(int step) => _gates.TryRemove(step, out var gate) ? gate : null;
}
