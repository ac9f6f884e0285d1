using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests.Spec;

/// <summary>The validator with the real data sets' checks and shapes (DatasetFactory).</summary>
public class SpecValidatorDataSetTests
{
    [Fact]
    public void Validate_LstmOnAddingProblem_HasNoError() =>
        Assert.Empty(SpecValidator.Validate(SpecCases.Recurrent(Architecture.Lstm, DatasetKind.Adding)));

    [Fact]
    public void Validate_RnnOnMoons_NeedsSequenceData()
    {
        var spec = new RunSpec { Model = new RnnSpec() };

        Assert.Equal([new SpecError("model.architecture", "rnn needs a sequence data set; moons is not one")], SpecValidator.Validate(spec));
    }

    [Theory]
    [InlineData(DatasetKind.Adding, LossKind.Mse, true)]
    [InlineData(DatasetKind.Copy, LossKind.CrossEntropy, false)]
    [InlineData(DatasetKind.SequentialParity, LossKind.CrossEntropy, false)]
    public void Validate_EveryStepOutput_NeedsPerStepTargets(DatasetKind kind, LossKind loss, bool rejected)
    {
        var spec = new RunSpec
        {
            Model = new GruSpec { Output = OutputMode.Every },
            Data = new DataSpec { Kind = kind, SequenceLength = 10 },
            Training = new TrainingSpec { Loss = loss },
        };

        Assert.Equal(rejected ? ["model.output"] : [], SpecCases.Fields(SpecValidator.Validate(spec)));
    }

    [Fact]
    public void Validate_CrossEntropyOnSine_IsRejected()
    {
        var spec = new RunSpec { Data = new DataSpec { Kind = DatasetKind.Sine } };

        Assert.Equal(["training.loss"], SpecCases.Fields(SpecValidator.Validate(spec)));
    }

    [Fact]
    public void Validate_DataProblem_IsReportedUnderData()
    {
        var errors = SpecValidator.Validate(new RunSpec { Data = new DataSpec { Samples = 0 } });

        Assert.Equal(["data.samples"], SpecCases.Fields(errors));
    }

    [Fact]
    public void Validate_ParityWithFewerPatternsThanTheBatch_IsRejected()
    {
        // 3 bits make all 8 patterns once; round(8·0.2) = 2 are held out, leaving 6 for training.
        var spec = new RunSpec { Data = new DataSpec { Kind = DatasetKind.Parity, Bits = 3 }, Training = new TrainingSpec { BatchSize = 7 } };

        var errors = SpecValidator.Validate(spec);

        Assert.Equal("training.batchSize", Assert.Single(errors).Field);
        Assert.StartsWith("must be at most the 6 training examples", errors[0].Message);
    }
}
