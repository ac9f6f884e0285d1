using GradientService.Contracts.Spec;
using GradientService.Core.Models;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests.Spec;

public class TransformerValidationTests
{
    private static RunSpec Run(TransformerSpec model, OptimizerSpec? optimizer = null) => new()
    {
        Model = model,
        Data = new DataSpec { Kind = DatasetKind.Adding, SequenceLength = 50 },
        Optimizer = optimizer ?? new OptimizerSpec(),
        Training = new TrainingSpec { Loss = LossKind.Mse },
    };

    [Fact]
    public void Validate_DefaultTransformerOnSequenceData_HasNoError() =>
        Assert.Empty(SpecCases.Validate(Run(new TransformerSpec()), SpecCases.Adding));

    [Fact]
    public void Validate_EveryBadField_NamesEachOne()
    {
        var model = new TransformerSpec
        {
            Width = 10, Heads = 4, FeedForward = 0, Placement = (NormPlacement)9, Readout = (ReadoutKind)9, NormEpsilon = 0, MaxPositions = 0,
            Activation = (ActivationKind)99,
        };

        var errors = SpecCases.Validate(Run(model), SpecCases.Adding);

        Assert.Equal(["model.activation", "model.heads", "model.feedForward", "model.placement", "model.readout", "model.normEpsilon", "model.maxPositions"],
            SpecCases.Fields(errors));
    }

    [Fact]
    public void Validate_HeadsNotDividingWidth_SaysSo()
    {
        var errors = SpecCases.Validate(Run(new TransformerSpec { Width = 10, Heads = 4 }), SpecCases.Adding);

        Assert.Equal([new SpecError("model.heads", "must divide the width (d_model) 10: each head attends with width / heads dimensions; got 4")], errors);
    }

    [Fact]
    public void Validate_FewerPositionsThanSteps_NamesMaxPositions()
    {
        var errors = SpecCases.Validate(Run(new TransformerSpec { MaxPositions = 20 }), SpecCases.Adding);

        Assert.Equal(["model.maxPositions"], SpecCases.Fields(errors));
        Assert.Contains("sequence length 50", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TransformerOnFeedForwardData_NeedsSequence() =>
        Assert.Equal(["model.architecture"], SpecCases.Fields(SpecCases.Validate(Run(new TransformerSpec()) with { Data = new DataSpec { Kind = DatasetKind.Sine } }, SpecCases.Sine)));

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(500, false)]
    public void Validate_WarmupSteps_AtLeastZero(int warmup, bool rejected) =>
        Assert.Equal(rejected ? ["optimizer.warmupSteps"] : [],
            SpecCases.Fields(SpecCases.Validate(Run(new TransformerSpec(), new OptimizerSpec { WarmupSteps = warmup }), SpecCases.Adding)));

    [Fact]
    public void Parameters_DefaultOnAdding_CountsEveryTensor()
    {
        var spec = new TransformerSpec { MaxPositions = 60, FinalNorm = true };
        long e = 64, f = 256;
        var expected = 2 * e + e + 60 * e + 4 * (3 * e * e + 3 * e + e * e + e + 2 * f * e + f + e + 4 * e) + 2 * e + e + 1;

        Assert.Equal(expected, Architectures.Of(spec).Parameters(spec, SpecCases.Adding));
    }
}
