using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Core.Probes;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Training;

/// <summary>What a generation records: the population's figures, the net's forward probes, and gradients only on probe generations.</summary>
public class SearchTelemetryTests
{
    public static TheoryData<RunSpec> Specs => [SearchSpecs.Genetic(9), SearchSpecs.EvolutionStrategy(9)];

    [Theory]
    [MemberData(nameof(Specs))]
    public void Step_ProbeGenerationsOnly_RecordGradientFields(RunSpec spec)
    {
        var probed = new List<int>();
        var absent = new List<int>();
        Trainer.Create(spec).Run(r =>
        {
            var all = r.Has(StepMetric.GradNormBefore) && r.Layers.All(l => l.Has(LayerMetric.WeightGradNorm) && l.Has(LayerMetric.DeltaNorm));
            var none = !r.Has(StepMetric.GradNormBefore) && r.Layers.All(l => !l.Has(LayerMetric.WeightGradNorm) && !l.Has(LayerMetric.DeltaNorm)
                && !l.Has(LayerMetric.BiasGradNorm) && !l.Has(LayerMetric.NonFiniteCount));
            if (all) probed.Add(r.Step);
            if (none) absent.Add(r.Step);
        });

        Assert.Equal([1, 4, 8, 9], probed);
        Assert.Equal([2, 3, 5, 6, 7], absent);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Step_EveryGeneration_RecordsPopulationFiguresAndForwardProbes(RunSpec spec)
    {
        var records = new List<(int Step, double Loss, double Mean, double Diversity, double Evaluations, bool Forward, bool ClipScale)>();
        Trainer.Create(spec).Run(r => records.Add((r.Step, r.Loss, r[StepMetric.PopulationLoss], r[StepMetric.PopulationDiversity],
            r[StepMetric.Evaluations], r.Layers.All(l => l.Has(LayerMetric.ActivationStd) && l.Has(LayerMetric.WeightNorm)), r.Has(StepMetric.ClipScale))));

        Assert.All(records, r =>
        {
            Assert.Equal(8.0 * r.Step, r.Evaluations);
            Assert.True(double.IsFinite(r.Mean) && r.Diversity > 0, $"step {r.Step}: mean {r.Mean}, diversity {r.Diversity}");
            Assert.True(r.Forward);
            Assert.False(r.ClipScale);
        });
    }

    [Fact]
    public void Step_Genetic_RecordsTheBestMembersLossAtOrBelowThePopulationMean()
    {
        var pairs = new List<(double Best, double Mean)>();
        Trainer.Create(SearchSpecs.Genetic(9)).Run(r => pairs.Add((r.Loss, r[StepMetric.PopulationLoss])));

        Assert.All(pairs, p => Assert.True(p.Best <= p.Mean, $"best {p.Best} above the mean {p.Mean}"));
        Assert.Contains(pairs, p => p.Best < p.Mean);
    }

    [Fact]
    public void Step_AntitheticEs_RecordsDiversityNearSigmaAndTheStepSizeAsLearningRate()
    {
        var spec = SearchSpecs.EvolutionStrategy(3);
        var records = new List<(double Diversity, double Rate)>();
        Trainer.Create(spec).Run(r => records.Add((r[StepMetric.PopulationDiversity], r.LearningRate)));

        // Mirrored pairs have mean θ exactly, so the spread is σ·rms(ε) over 8 × 354 standard normals (a 3-layer 16-unit net on moons): σ within 10%.
        Assert.All(records, r =>
        {
            Assert.InRange(r.Diversity / spec.Search.NoiseStd, 0.9, 1.1);
            Assert.Equal(spec.Search.StepSize, r.Rate);
        });
    }

    [Fact]
    public void Step_Genetic_RecordsNoLearningRate()
    {
        StepRecord? last = null;
        var trainer = Trainer.Create(SearchSpecs.Genetic(2));
        trainer.Run(r => last = r);

        Assert.False(last!.Has(StepMetric.LearningRate));
    }
}
