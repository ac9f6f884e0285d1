using GradientService.Contracts.Schema;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests.Spec;

public class SpecValidatorRuleTests
{
    [Theory]
    [InlineData(Architecture.Rnn)]
    [InlineData(Architecture.Lstm)]
    [InlineData(Architecture.Gru)]
    public void Validate_RecurrentOnSequenceData_HasNoError(Architecture architecture) =>
        Assert.Empty(SpecCases.Validate(SpecCases.Recurrent(architecture), SpecCases.Adding));

    [Fact]
    public void Validate_RecurrentOnFeedForwardData_NeedsSequence()
    {
        var errors = SpecCases.Validate(SpecCases.Recurrent(Architecture.Lstm, DatasetKind.Sine), SpecCases.Sine);

        Assert.Equal([new SpecError("model.architecture", "lstm needs a sequence data set; sine is not one")], errors);
    }

    [Fact]
    public void Validate_MlpOnSequenceData_NeedsRecurrent()
    {
        var spec = SpecCases.Recurrent(Architecture.Mlp);

        Assert.Equal(["model.architecture"], SpecCases.Fields(SpecCases.Validate(spec, SpecCases.Adding)));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void Validate_ResidualBlockSize_MustBeOneOrTwo(int blockSize, bool rejected)
    {
        var spec = new RunSpec { Model = new ResidualMlpSpec { Depth = 5, BlockSize = blockSize } };

        Assert.Equal(rejected ? ["model.blockSize"] : [], SpecCases.Fields(SpecCases.Validate(spec, SpecCases.Moons)));
    }

    [Fact]
    public void Validate_IdentityInitForFeedForwardWeights_IsRejected()
    {
        var spec = new RunSpec { Init = new InitSpec { Scheme = InitScheme.Identity } };

        Assert.Equal(["init.scheme"], SpecCases.Fields(SpecCases.Validate(spec, SpecCases.Moons)));
    }

    [Theory]
    [InlineData(0.0, 0.0, new[] { "init.weightVariance" })]
    [InlineData(2.0, -0.1, new[] { "init.biasVariance" })]
    [InlineData(101.0, 101.0, new[] { "init.biasVariance", "init.weightVariance" })]
    [InlineData(2.0, 0.05, new string[0])]
    public void Validate_ScaledNormalVariances_OutOfRangeAreRejected(double weightVariance, double biasVariance, string[] fields)
    {
        var spec = new RunSpec { Init = new InitSpec { Scheme = InitScheme.ScaledNormal, WeightVariance = weightVariance, BiasVariance = biasVariance } };

        Assert.Equal(fields, SpecCases.Fields(SpecCases.Validate(spec, SpecCases.Moons)).Order());
    }

    [Fact]
    public void Validate_IdentityRecurrentScheme_IsAccepted()
    {
        var spec = SpecCases.Recurrent(Architecture.Rnn) with { Init = new InitSpec { RecurrentScheme = InitScheme.Identity, SpectralRadius = 1.1 } };

        Assert.Empty(SpecCases.Validate(spec, SpecCases.Adding));
    }

    [Fact]
    public void Validate_SpectralRadiusAndMaxSingularValue_AreExclusive()
    {
        var spec = SpecCases.Recurrent(Architecture.Rnn) with { Init = new InitSpec { SpectralRadius = 0.9, MaxSingularValue = 1 } };

        Assert.Equal(["init.maxSingularValue"], SpecCases.Fields(SpecCases.Validate(spec, SpecCases.Adding)));
    }

    [Fact]
    public void Validate_RecurrentInitFieldsOnMlp_AreRejected()
    {
        var spec = new RunSpec { Init = new InitSpec { RecurrentScheme = InitScheme.Orthogonal, SpectralRadius = 1 } };

        Assert.Equal(["init.recurrentScheme", "init.spectralRadius"], SpecCases.Fields(SpecCases.Validate(spec, SpecCases.Moons)));
    }

    [Theory]
    [InlineData(Architecture.Lstm, ActivationKind.Relu, true)]
    [InlineData(Architecture.Gru, ActivationKind.Sigmoid, true)]
    [InlineData(Architecture.Lstm, ActivationKind.Tanh, false)]
    [InlineData(Architecture.Rnn, ActivationKind.Relu, false)]
    public void Validate_GatedCellActivation_MustBeTanh(Architecture cell, ActivationKind activation, bool rejected)
    {
        var spec = SpecCases.Recurrent(cell) with { Model = SpecSchema.NewModel(cell) with { Activation = activation } };

        Assert.Equal(rejected ? ["model.activation"] : [], SpecCases.Fields(SpecCases.Validate(spec, SpecCases.Adding)));
    }

    [Theory]
    [InlineData(LossKind.CrossEntropy, true)]
    [InlineData(LossKind.Bce, true)]
    [InlineData(LossKind.Mse, false)]
    public void Validate_LossOnRegressionData_OnlyMseFits(LossKind loss, bool rejected)
    {
        var spec = new RunSpec { Data = new DataSpec { Kind = DatasetKind.Sine }, Training = new TrainingSpec { Loss = loss } };

        Assert.Equal(rejected ? ["training.loss"] : [], SpecCases.Fields(SpecCases.Validate(spec, SpecCases.Sine)));
    }

    [Theory]
    [InlineData(LossKind.CrossEntropy)]
    [InlineData(LossKind.Bce)]
    [InlineData(LossKind.Mse)]
    public void Validate_AnyLossOnClassificationData_HasNoError(LossKind loss) =>
        Assert.Empty(SpecCases.Validate(new RunSpec { Training = new TrainingSpec { Loss = loss } }, SpecCases.Moons));

    [Fact]
    public void Validate_EveryStepOutputWithOneTargetPerSequence_IsRejected()
    {
        var spec = SpecCases.Recurrent(Architecture.Lstm) with { Model = new LstmSpec { Output = OutputMode.Every } };

        Assert.Equal(["model.output"], SpecCases.Fields(SpecCases.Validate(spec, SpecCases.Adding)));
    }

    [Theory]
    [InlineData(OutputMode.Every)]
    [InlineData(OutputMode.Last)]
    public void Validate_PerStepTargets_TakeEitherOutput(OutputMode output)
    {
        // With last, the trainer keeps each sequence's last target.
        var spec = SpecCases.Recurrent(Architecture.Gru, DatasetKind.Copy) with
        {
            Model = new GruSpec { Output = output },
            Training = new TrainingSpec(),
        };

        Assert.Empty(SpecCases.Validate(spec, SpecCases.Copy));
    }

    [Theory]
    [InlineData(50, false)]
    [InlineData(51, true)]
    public void Validate_BpttLength_AtMostTheSequenceLength(int bptt, bool rejected)
    {
        var spec = SpecCases.Recurrent(Architecture.Rnn) with { Model = new RnnSpec { BpttLength = bptt } };

        var errors = SpecCases.Validate(spec, SpecCases.Adding);

        Assert.Equal(rejected ? [new SpecError("model.bpttLength", "must be at most the sequence length 50; got 51")] : [], errors);
    }

    [Fact]
    public void Validate_CosineMinAboveLearningRate_IsRejected()
    {
        var spec = new RunSpec { Optimizer = new OptimizerSpec { Schedule = ScheduleKind.Cosine, LearningRate = 0.01, MinLearningRate = 0.1 } };

        Assert.Equal(["optimizer.minLearningRate"], SpecCases.Fields(SpecCases.Validate(spec, SpecCases.Moons)));
    }

    [Theory]
    [InlineData(0, 0.5, "optimizer.stepEvery")]
    [InlineData(10, 0.0, "optimizer.stepGamma")]
    [InlineData(10, 1.5, "optimizer.stepGamma")]
    public void Validate_StepScheduleParameters_AreChecked(int every, double gamma, string field)
    {
        var spec = new RunSpec { Optimizer = new OptimizerSpec { Schedule = ScheduleKind.Step, StepEvery = every, StepGamma = gamma } };

        Assert.Equal([field], SpecCases.Fields(SpecCases.Validate(spec, SpecCases.Moons)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public void Validate_ClippingThresholdNotPositiveFinite_IsRejected(double threshold)
    {
        var spec = new RunSpec { Clipping = new ClippingSpec { Mode = ClippingMode.GlobalNorm, Threshold = threshold } };

        Assert.Equal(["clipping.threshold"], SpecCases.Fields(SpecCases.Validate(spec, SpecCases.Moons)));
    }

    [Theory]
    [InlineData(80, false)]
    [InlineData(81, true)]
    public void Validate_BatchSize_AtMostTheTrainingExamples(int batch, bool rejected)
    {
        var spec = new RunSpec { Data = new DataSpec { Samples = 100, TestFraction = 0.2 }, Training = new TrainingSpec { BatchSize = batch } };

        Assert.Equal(rejected ? ["training.batchSize"] : [], SpecCases.Fields(SpecCases.Validate(spec, SpecCases.Moons)));
    }

    [Fact]
    public void Validate_NesterovWithoutMomentum_IsRejected()
    {
        var spec = new RunSpec { Optimizer = new OptimizerSpec { Kind = OptimizerKind.Momentum, Momentum = 0, Nesterov = true } };

        Assert.Equal(["optimizer.nesterov"], SpecCases.Fields(SpecCases.Validate(spec, SpecCases.Moons)));
    }

    [Fact]
    public void Validate_RpropStepSizeMinAboveMax_IsRejected()
    {
        var spec = new RunSpec { Optimizer = new OptimizerSpec { Kind = OptimizerKind.Rprop, StepSizeMin = 2, StepSizeMax = 1 } };

        var errors = SpecCases.Validate(spec, SpecCases.Moons);

        Assert.Equal([new SpecError("optimizer.stepSizeMin", "must not exceed optimizer.stepSizeMax (1); got 2")], errors);
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(0.5, false)]
    [InlineData(1.0, true)]
    public void Validate_RpropEtaMinus_StrictlyBetweenZeroAndOne(double etaMinus, bool rejected)
    {
        var spec = new RunSpec { Optimizer = new OptimizerSpec { Kind = OptimizerKind.Rprop, EtaMinus = etaMinus } };

        Assert.Equal(rejected ? ["optimizer.etaMinus"] : [], SpecCases.Fields(SpecCases.Validate(spec, SpecCases.Moons)));
    }

    [Fact]
    public void Validate_DataProblems_AreReportedAndSkipTheRulesThatNeedTheShape()
    {
        var spec = new RunSpec { Model = new LstmSpec() };

        var errors = SpecValidator.Validate(spec, (_, e) => e.Add(new SpecError("data.samples", "must be between 10 and 100000; got 0")), _ => throw new InvalidOperationException());

        Assert.Equal(["data.samples"], SpecCases.Fields(errors));
    }

    [Fact]
    public void Validate_DataSetNotBuiltYet_IsReportedOnDataKind()
    {
        var errors = SpecValidator.Validate(new RunSpec(), (_, _) => { }, _ => throw new NotSupportedException("Data set Copy is not built yet."));

        Assert.Equal([new SpecError("data.kind", "Data set Copy is not built yet.")], errors);
    }
}
