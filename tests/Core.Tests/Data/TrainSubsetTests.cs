using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Data;

/// <summary>data.trainSubset: the first n training examples, the test split unchanged.</summary>
public class TrainSubsetTests
{
    private static readonly DataSpec Full = new() { Kind = DatasetKind.Moons, Samples = 400, TestFraction = 0.25 };

    [Fact]
    public void Create_TrainSubset_KeepsTheFirstNTrainingExamplesAndTheWholeTestSplit()
    {
        var all = DatasetFactory.Create(Full, new Rng(9));
        var subset = DatasetFactory.Create(Full with { TrainSubset = 100 }, new Rng(9));

        Assert.Equal(100, subset.Train.Count);
        Assert.Equal(all.Train.Features.AsSpan(0, 200).ToArray(), subset.Train.Features);
        Assert.Equal(all.Train.Labels.AsSpan(0, 100).ToArray(), subset.Train.Labels);
        Assert.Equal(all.Test.Features, subset.Test.Features);
    }

    [Theory]
    [InlineData(301, 10, "data.trainSubset")]
    [InlineData(-1, 10, "data.trainSubset")]
    [InlineData(100, 101, "training.batchSize")]
    public void Validate_TrainSubsetBeyondTheSplitOrBelowTheBatch_NamesTheField(int subset, int batch, string field)
    {
        var spec = new RunSpec { Data = Full with { TrainSubset = subset }, Training = new TrainingSpec { BatchSize = batch } };

        var errors = SpecValidator.Validate(spec);

        Assert.Contains(errors, e => e.Field == field);
    }

    [Fact]
    public void Validate_FullBatchOnTheSubset_IsAccepted() =>
        Assert.Empty(SpecValidator.Validate(new RunSpec { Data = Full with { TrainSubset = 100 }, Training = new TrainingSpec { BatchSize = 100 } }));
}
