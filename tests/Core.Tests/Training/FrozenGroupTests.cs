using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using GradientService.Core.Probes;
using GradientService.Core.Training;
using GradientService.Core.Training.Methods;

namespace GradientService.Core.Tests.Training;

/// <summary>Back-propagation over a parameter group: the frozen layers and their optimizer state stay untouched.</summary>
public class FrozenGroupTests
{
    public static TheoryData<RunSpec> Specs => [TestSpecs.Mlp(), TestSpecs.ResidualBatchNorm(), TestSpecs.Lstm()];

    [Theory]
    [MemberData(nameof(Specs))]
    public void Step_FrozenFirstLayer_StaysBitwiseUnchangedWhileTheOthersTrain(RunSpec spec)
    {
        using var trainer = FreezingFirstLayer(spec, threads: 1);
        var parameters = trainer.Network.Parameters;
        var before = parameters.Select(p => p.Value.ToArray()).ToList();

        trainer.Run(_ => { });

        for (var i = 0; i < parameters.Count; i++)
        {
            var unchanged = before[i].AsSpan().SequenceEqual(parameters[i].Value);
            Assert.True(unchanged == (parameters[i].Group == 0), $"{parameters[i].Name}: unchanged {unchanged}");
        }
    }

    [Fact]
    public void Method_FrozenFirstLayer_HasNoOptimizerStateForItAndReportsNoGradientsThere()
    {
        using var trainer = FreezingFirstLayer(TestSpecs.Mlp(), threads: 1);
        var method = Assert.IsType<BackpropMethod<float>>(trainer.Method);

        Assert.DoesNotContain(method.Optimizer.StateTensors, s => s.Name.Contains("layers.0.", StringComparison.Ordinal));
        Assert.Contains(method.Optimizer.StateTensors, s => s.Name.Contains("layers.1.", StringComparison.Ordinal));
        Assert.Equal([false, true, true, true], method.LayersWithGradients.ToArray());
    }

    [Fact]
    public void Step_FrozenFirstLayer_RecordsItsGradientFieldsAbsentAndItsForwardProbes()
    {
        using var trainer = FreezingFirstLayer(TestSpecs.Mlp(), threads: 1);
        LayerStats first = default, second = default;
        trainer.Run(r => (first, second) = (r.Layers[0], r.Layers[1]));

        foreach (var metric in new[] { LayerMetric.WeightGradNorm, LayerMetric.BiasGradNorm, LayerMetric.UpdateRatio, LayerMetric.NonFiniteCount })
        {
            Assert.False(first.Has(metric), $"{metric} of the frozen layer is recorded");
            Assert.True(second.Has(metric), $"{metric} of a trained layer is absent");
        }
        Assert.True(first.Has(LayerMetric.ActivationStd) && first.Has(LayerMetric.WeightNorm) && first.Has(LayerMetric.DeltaNorm));
        Assert.True(first.ActivationStd > 0);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Resume_FrozenFirstLayer_GivesBitwiseSameLaterTelemetry(RunSpec spec)
    {
        var whole = StepLog.Train(FreezingFirstLayer(spec, threads: 1));
        var k = spec.Training.Steps / 2;

        using var first = FreezingFirstLayer(spec, threads: 1);
        using var checkpoint = new MemoryStream();
        using (var stop = new CancellationTokenSource())
            first.Run(r => { if (r.Step == k) { first.SaveCheckpoint(checkpoint); stop.Cancel(); } }, stop.Token);
        using var resumed = FreezingFirstLayer(spec, threads: 2);
        checkpoint.Position = 0;
        resumed.LoadCheckpoint(checkpoint);
        var rest = StepLog.Train(resumed);

        StepLog.AssertIdentical(whole.Steps.Skip(k).ToList(), rest.Steps);
    }

    [Fact]
    public void Step_FrozenFirstLayer_SteadyState_AllocatesNothing()
    {
        var readings = new List<long>(8);
        using var trainer = FreezingFirstLayer(TestSpecs.Mlp(80), threads: 1);
        trainer.Run(r =>
        {
            if (r.Step >= 20 && r.Step % 15 == 5) readings.Add(GC.GetAllocatedBytesForCurrentThread());
        });

        Assert.Equal(0, Allocations.Fewest(readings));
    }

    /// <summary>A run as <see cref="Trainer.Create(RunSpec, int)"/> builds it, training every layer but the first.</summary>
    private static Trainer<float> FreezingFirstLayer(RunSpec spec, int threads)
    {
        var master = new Rng(spec.Training.Seed);
        var data = DatasetFactory.Create(spec.Data, master.Fork());
        return new Trainer<float>(spec, data, master.Fork(), master.Fork(), threads, run =>
        {
            var parameters = run.Net.Parameters;
            var layers = run.Net.Info.Layers.Count;
            return new BackpropMethod<float>(run, ParameterGroup<float>.OfLayers(parameters, layers, [.. Enumerable.Range(1, layers - 1)]));
        });
    }
}
