using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests.Spec;

public class OutputLayerValidationTests
{
    private static readonly TrainingSpec Hierarchical = new() { Output = OutputLayer.HierarchicalSoftmax };

    [Fact]
    public void Validate_HierarchicalSoftmaxOnClassesWithCrossEntropy_HasNoError() =>
        Assert.Empty(SpecCases.Validate(new RunSpec { Training = Hierarchical }, SpecCases.Moons));

    [Theory]
    [InlineData(LossKind.Mse)]
    [InlineData(LossKind.Bce)]
    public void Validate_HierarchicalSoftmaxWithAnotherLoss_NamesTrainingOutput(LossKind loss)
    {
        var errors = SpecCases.Validate(new RunSpec { Training = Hierarchical with { Loss = loss } }, SpecCases.Moons);

        var error = Assert.Single(errors);
        Assert.Equal("training.output", error.Field);
        Assert.Contains("needs training.loss cross-entropy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HierarchicalSoftmaxOnRegression_NamesTrainingOutputAndLoss()
    {
        var errors = SpecCases.Validate(new RunSpec { Training = Hierarchical }, SpecCases.Sine);

        Assert.Equal(["training.loss", "training.output"], SpecCases.Fields(errors));
    }

    [Fact]
    public void Validate_HierarchicalSoftmaxOnRecurrentNet_NamesTrainingOutput()
    {
        var spec = SpecCases.Recurrent(Architecture.Lstm, DatasetKind.Copy) with { Training = Hierarchical };

        var errors = SpecCases.Validate(spec, SpecCases.Copy);

        Assert.Equal([new SpecError("training.output", "hierarchical-softmax is built on mlp and residual-mlp; got lstm")], errors);
    }

    [Fact]
    public void Validate_UndefinedOutput_NamesTrainingOutput() =>
        Assert.Equal(["training.output"], SpecCases.Fields(SpecCases.Validate(new RunSpec { Training = new TrainingSpec { Output = (OutputLayer)9 } }, SpecCases.Moons)));
}
