using System.Collections.Concurrent;
using GradientService.Api.Workers;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Api.Tests.Infrastructure;

/// <summary>Builds <see cref="ScriptedTrainer"/>s and holds what the test planted: a spike, a divergence, gates that hold a run before a step.</summary>
public sealed class ScriptedTrainerFactory : ITrainerFactory
{
    private readonly ConcurrentDictionary<int, Gate> _gates = new();

    public int SpikeAt { get; set; } = -1;

    public double SpikeValue { get; set; } = 1e6;

    public int DivergeAt { get; set; } = -1;

    public Trainer Create(RunSpec spec, int threads) => new ScriptedTrainer(spec, this);

    /// <summary>The next trainer to reach <paramref name="step"/> waits there until the gate opens (or the run is cancelled).</summary>
    public Gate Arm(int step) => _gates[step] = new Gate();

    internal Gate? GateAt(int step) => _gates.TryRemove(step, out var gate) ? gate : null;

    /// <summary>A one-shot hold before a step.</summary>
    public sealed class Gate
    {
        private readonly ManualResetEventSlim _open = new(false);
        private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when a trainer is waiting at the gate.</summary>
        public Task Held => _held.Task.WaitAsync(RunWaiter.Timeout);

        public void Open() => _open.Set();

        /// <summary>On the training thread: true to go on, false when cancelled while held.</summary>
        internal bool Wait(CancellationToken cancel)
        {
            _held.TrySetResult();
            try
            {
                _open.Wait(cancel);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }
}
