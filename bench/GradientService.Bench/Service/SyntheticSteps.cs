using GradientService.Api.Storage;
using GradientService.Api.Telemetry;
using GradientService.Contracts.Spec;
using GradientService.Core.Detection;
using GradientService.Core.Probes;
using GradientService.Core.Training;
using Microsoft.Extensions.Options;

namespace GradientService.Bench.Service;

/// <summary>
/// Feeds synthetic step records of an L-layer net through the service's own pipeline (RunTap on a producer thread,
/// the bounded queue, the store's telemetry writer batches on this thread), as the recorder does minus the broadcast.
/// </summary>
public static class SyntheticSteps
{
    /// <summary>CPU milliseconds of the writing thread, the producing thread (steps and their taps) and the process's other threads.</summary>
    public sealed record Result(int Steps, TimeSpan Elapsed, TimeSpan ProducerWaited, int Batches, double WriterCpuMs, double ProducerCpuMs, double OtherCpuMs);

    /// <summary><paramref name="float32"/>: the layer values rounded to float32, as the engine rounds a float32 run's probes.</summary>
    public static Result Record(ServiceDatabase database, RunRecord run, int layers, int steps, int batchSteps = 1000, bool float32 = false)
    {
        database.Storage.MaxBatchSteps = batchSteps;
        var queue = new TelemetryQueue(Options.Create(database.Storage));
        var model = new ModelInfo([.. Enumerable.Range(1, layers).Select(l => new LayerInfo(l, $"layers.{l - 1}", 1, 1, "dense"))], layers, 0, 1, 1);
        var tap = new RunTap(queue, new RunContext(run.Key, run.Id, model, RecordEvery: 1, TotalSteps: steps, ResumedAt: 0), Detectors.Live(new RunSpec(), layers));
        var producerCpu = 0.0;
        var producer = new Thread(() =>
        {
            var started = ThreadCpu.OfThisThread();
            var record = new StepRecord(layers, 0, 1, 1);
            var random = new Random(1);
            for (var step = 1; step <= steps; step++)
            {
                Fill(record, step, random, float32);
                tap.OnStep(record);
            }
            producerCpu = ThreadCpu.OfThisThread() - started;
            queue.Writer.Complete();
        }) { IsBackground = true };

        using var writer = database.Writer();
        var batch = new List<TelemetryItem>(batchSteps);
        var batches = 0;
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var (processCpu, writerCpu) = (process.TotalProcessorTime, ThreadCpu.OfThisThread());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        producer.Start();
        while (queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < batchSteps && queue.Reader.TryRead(out var item)) batch.Add(item);
            writer.WriteBatch(batch);
            batches++;
            foreach (var item in batch) if (item is StepFrame frame) frame.Run.Return(frame);
        }
        clock.Stop();
        producer.Join();
        writerCpu = ThreadCpu.OfThisThread() - writerCpu;
        process.Refresh();
        var total = (process.TotalProcessorTime - processCpu).TotalMilliseconds;
        return new Result(steps, clock.Elapsed, tap.WaitedOnRecorder, batches, writerCpu, producerCpu, total - writerCpu - producerCpu);
    }

    /// <summary>Vanishing-gradient-shaped numbers with noise, and an occasional spike.</summary>
    private static void Fill(StepRecord r, int step, Random random, bool float32)
    {
        r.Step = step;
        r.Loss = 1.0 / (1 + 0.001 * step) + 0.01 * random.NextDouble();
        r.TrainAccuracy = 0.5 + 0.4 * random.NextDouble();
        r.TestLoss = step % 100 == 0 ? r.Loss : double.NaN;
        r.TestAccuracy = step % 100 == 0 ? r.TrainAccuracy : double.NaN;
        r.LearningRate = 0.01;
        r.GradNormBefore = step % 997 == 0 ? 1e4 : 1 + random.NextDouble();
        r.GradNormAfter = Math.Min(r.GradNormBefore, 5);
        r.ClipScale = r.GradNormAfter / r.GradNormBefore;
        for (var l = 0; l < r.Layers.Length; l++)
        {
            ref var s = ref r.Layers[l];
            var scale = Math.Pow(0.8, r.Layers.Length - 1 - l);
            s.WeightGradNorm = scale * (1 + 0.1 * random.NextDouble());
            s.BiasGradNorm = s.WeightGradNorm * 0.3;
            s.PreactivationGradNorm = s.WeightGradNorm * 2;
            s.WeightNorm = 4 + 0.001 * step;
            s.UpdateRatio = 1e-3 * scale;
            s.ActivationMean = 0.5;
            s.ActivationStd = 0.2;
            s.SaturationFraction = 0.1;
            s.DeadFraction = 0;
            s.NonFiniteGradCount = 0;
            if (!float32) continue;
            s.WeightGradNorm = (float)s.WeightGradNorm;
            s.BiasGradNorm = (float)s.BiasGradNorm;
            s.PreactivationGradNorm = (float)s.PreactivationGradNorm;
            s.WeightNorm = (float)s.WeightNorm;
            s.UpdateRatio = (float)s.UpdateRatio;
            s.ActivationMean = (float)s.ActivationMean;
            s.ActivationStd = (float)s.ActivationStd;
            s.SaturationFraction = (float)s.SaturationFraction;
        }
    }
}
