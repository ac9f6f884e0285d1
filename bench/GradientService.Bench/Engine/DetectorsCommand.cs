using System.Diagnostics;
using System.Globalization;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Detection;
using GradientService.Core.Probes;
using GradientService.Core.Training;

namespace GradientService.Bench.Engine;

/// <summary>
/// `detectors [--only text] [--threads n] [--steps n] [--rounds r]`: what the live detectors cost per step of each config of
/// the engine matrix (issue #13's budget: at most 1 % of a step). Records the step records of <c>steps</c> training
/// steps (probes on), times those steps with a no-op callback, then times <see cref="Detectors.Live"/> (a fresh instance
/// per round, so episodes open and close as in a run) over the recorded records; the median round is reported.
/// </summary>
public static class DetectorsCommand
{
    public static int Run(string[] args)
    {
        var only = Option(args, "--only");
        var threads = int.Parse(Option(args, "--threads") ?? "2", CultureInfo.InvariantCulture);
        var steps = int.Parse(Option(args, "--steps") ?? "200", CultureInfo.InvariantCulture);
        var rounds = int.Parse(Option(args, "--rounds") ?? "5", CultureInfo.InvariantCulture);
        Console.WriteLine($"detectors benchmark: float32, {threads} thread(s), {steps} steps, median of {rounds} rounds");
        Console.WriteLine($"{"config",-28} {"ms/step",9} {"µs detect",10} {"cost",7}");
        foreach (var c in EngineConfig.Matrix.Where(c => only is null || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            var spec = c.Spec(Precision.Float32);
            using var trainer = Trainer.Create(spec, c.Data(), new Rng(2), new Rng(3), threads);
            var records = new List<StepRecord>();
            Steps(trainer, steps, record => records.Add(Copy(record, trainer.Model)));
            var stepSeconds = Median(rounds, () => Steps(trainer, steps, _ => { })) / steps;
            var events = new List<RunEventMessage>();
            var detectSeconds = Median(rounds, () =>
            {
                var detectors = Detectors.Live(spec, trainer.Model.Layers.Count);
                foreach (var record in records) detectors.Inspect(record, events);
                events.Clear();
            }) / records.Count;
            Console.WriteLine($"{c.Name,-28} {stepSeconds * 1e3,9:F3} {detectSeconds * 1e6,10:F2} {detectSeconds / stepSeconds,7:P2}");
        }
        return 0;
    }

    private static double Median(int rounds, Action work)
    {
        work(); // warm-up (tiered JIT)
        var seconds = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            var watch = Stopwatch.StartNew();
            work();
            seconds.Add(watch.Elapsed.TotalSeconds);
        }
        return seconds.Order().ElementAt(rounds / 2);
    }

    private static void Steps(Trainer trainer, int count, Action<StepRecord> onStep)
    {
        using var stop = new CancellationTokenSource();
        var done = 0;
        trainer.Run(record =>
        {
            onStep(record);
            if (++done == count) stop.Cancel();
        }, stop.Token);
    }

    /// <summary>What the detectors read of a record: its step metrics, every layer's probes and the recurrent gains.</summary>
    private static StepRecord Copy(StepRecord from, ModelInfo model)
    {
        var to = new StepRecord(model.Layers.Count, model.RecurrentLayers, model.Gates, model.SequenceLength) { Step = from.Step };
        for (var m = 0; m < StepMetrics.Count; m++)
        {
            var metric = (StepMetric)m;
            if (from.Has(metric)) to[metric] = from[metric];
            else to.MarkAbsent(metric);
        }
        from.Layers.CopyTo(to.Layers, 0);
        for (var r = 0; r < from.Recurrent.Length; r++) to.Recurrent[r].BoundFactor = from.Recurrent[r].BoundFactor;
        return to;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
