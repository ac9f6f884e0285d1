using GradientService.Contracts.Spec;
using GradientService.Core.Models;
using GradientService.Core.Data;
using GradientService.Core.Convolution;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Convolution;

public class CnnSpecValidationTests
{
    private static IReadOnlyList<SpecError> Validate(CnnSpec model, DatasetKind data = DatasetKind.Mnist) =>
        SpecValidator.Validate(CnnSpecs.Plain() with { Model = model, Data = new DataSpec { Kind = data, Samples = 200 } });

    private static CnnSpec Listed(string json) => new() { Layers = CnnTestNets.Layers(json) };

    [Fact]
    public void Validate_ShorthandDefaults_Accepted() => Assert.Empty(Validate(new CnnSpec()));

    [Fact]
    public void Validate_NonImageData_NamesArchitecture()
    {
        var errors = Validate(new CnnSpec(), DatasetKind.Moons);

        Assert.Equal(["model.architecture"], errors.Select(e => e.Field));
        Assert.Contains("cnn needs image data", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ResidualDepthNotPerStage_NamesDepth() =>
        Assert.Equal(["model.depth"], Validate(new CnnSpec { Block = CnnBlock.Residual, Depth = 6, Stages = 2 }).Select(e => e.Field));

    [Fact]
    public void Validate_ShorthandFieldsOutOfRange_NamesEachField() =>
        Assert.Equal(["model.normalization", "model.kernelSize", "model.stages"],
            Validate(new CnnSpec { Normalization = Normalization.LayerNorm, KernelSize = 4, Stages = 9 }).Select(e => e.Field));

    [Fact]
    public void Validate_BadKeysInList_NamesEveryEntryField()
    {
        var errors = Validate(Listed("""[{"type":"conv2d","kernel_size":0,"eps":1},{"type":"maxpool2d","kernel_size":2,"padding":2},{"type":"residual","out_channels":4,"kernel_size":2},{"type":"swish"},{"type":"linear","out_features":10}]"""));

        Assert.Equal(["model.layers[0].eps", "model.layers[0].out_channels", "model.layers[0].kernel_size", "model.layers[1].padding", "model.layers[2].kernel_size", "model.layers[3].type"],
            errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("""[{"type":"conv2d","out_channels":4,"kernel_size":11,"stride":4},{"type":"conv2d","out_channels":4,"kernel_size":7},{"type":"flatten"},{"type":"linear"}]""", "model.layers[1].kernel_size")]
    [InlineData("""[{"type":"conv2d","out_channels":4,"kernel_size":3},{"type":"linear","out_features":10}]""", "model.layers[1].type")]
    [InlineData("""[{"type":"global_avgpool"},{"type":"conv2d","out_channels":4,"kernel_size":1},{"type":"linear"}]""", "model.layers[1].type")]
    [InlineData("""[{"type":"flatten"},{"type":"linear","out_features":7}]""", "model.layers[1].type")]
    [InlineData("""[{"type":"flatten"},{"type":"linear","out_features":10},{"type":"relu"}]""", "model.layers[2].type")]
    public void Validate_SizesThatDoNotFit_NameTheEntry(string layers, string field) =>
        Assert.Equal([field], Validate(Listed(layers)).Select(e => e.Field));

    [Fact]
    public void Validate_LastLinearWithoutOutFeatures_DefaultsToTheClasses()
    {
        Assert.Empty(Validate(Listed("""[{"type":"flatten"},{"type":"linear"}]""")));
        Assert.Equal(["model.layers[1].out_features"], Validate(Listed("""[{"type":"flatten"},{"type":"linear"},{"type":"linear"}]""")).Select(e => e.Field));
    }

    [Theory]
    [InlineData(CnnBlock.Plain, Normalization.BatchNorm, 2, 6)]
    [InlineData(CnnBlock.Residual, Normalization.BatchNorm, 3, 12)]
    [InlineData(CnnBlock.Residual, Normalization.None, 1, 2)]
    public void Parameters_EqualTheBuiltNet(CnnBlock block, Normalization norm, int stages, int depth)
    {
        var spec = CnnSpecs.Plain() with { Model = new CnnSpec { Block = block, Normalization = norm, Stages = stages, Depth = depth, Width = 3 } };
        Assert.Empty(SpecValidator.Validate(spec));
        var data = DatasetFactory.Create(spec.Data, new Rng(1));
        var net = Architectures.Of(spec.Model).Build(spec.Model, OutputLayer.Softmax, data, 4, new MatrixProduct<float>());

        Assert.Equal(net.Parameters.Sum(p => (long)p.Length), Architectures.Of(spec.Model).Parameters(spec.Model, DatasetFactory.Shape(spec.Data)));
    }

    [Fact]
    public void Expand_ResidualShorthand_IsHeEtAlsLayout()
    {
        var layers = CnnLayerList.Expand(new CnnSpec { Block = CnnBlock.Residual, Depth = 4, Stages = 2, Width = 16 }, 10);

        Assert.Equal(["conv2d", "batchnorm2d", "relu", "residual", "residual", "global_avgpool", "linear"], layers.Select(l => l.Type));
        Assert.Equal([(16, 1), (32, 2)], layers.Where(l => l.Type == "residual").Select(l => (l.OutChannels!.Value, l.Stride!.Value)));
        Assert.False(layers[0].Bias);
    }
}
