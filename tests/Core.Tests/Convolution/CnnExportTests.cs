using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using GradientService.Core.Export;
using GradientService.Core.Spec;
using GradientService.Core.Tests.Fixtures;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Convolution;

/// <summary>A cnn's weight export is what the oracle loads: PyTorch's tensor names, shapes and dtypes, and the resolved
/// layer list and loss in __metadata__.</summary>
public class CnnExportTests
{
    [Theory]
    [InlineData("cnn-plain-relu")]
    [InlineData("cnn-resnet-bn")]
    public void ExportWeights_OracleFixtureNet_HasItsNamesShapesAndLayers(string name)
    {
        var (settings, weights, _, expected) = OracleGradientTests.Load(name);
        var input = weights.Entry("input").Shape.Select(s => (int)s).ToArray();
        var layers = settings.GetProperty("layers").Deserialize<CnnLayerSpec[]>()!;
        var classes = layers[^1].OutFeatures!.Value;
        var spec = new RunSpec
        {
            Model = new CnnSpec { Layers = layers },
            Data = new DataSpec { Kind = DatasetKind.Mnist },
            Training = new TrainingSpec { BatchSize = input[0], Steps = 1 },
        };
        using var trainer = Trainer.Create(spec, Images(new ImageShape(input[1], input[2], input[3]), classes, 8), new Rng(1), new Rng(2), threads: 1);
        using var file = new MemoryStream();
        trainer.ExportWeights(file);
        file.Position = 0;
        var exported = SafeTensorsFile.Read(file);

        var fixture = weights.Entries.Where(e => e.Name is not ("input" or "target")).Select(e => (e.Name, e.Dtype, string.Join(',', e.Shape))).Order();
        Assert.Equal(fixture, exported.Entries.Select(e => (e.Name, e.Dtype, string.Join(',', e.Shape))).Order());
        Assert.Equal("cnn", exported.Metadata["model"]);
        Assert.Equal("cross_entropy", exported.Metadata["loss"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.GetProperty("layers").GetRawText()), JsonNode.Parse(exported.Metadata["layers"])),
            exported.Metadata["layers"]);
    }

    /// <summary>A data set of random images (train and test halves), as an image data set reports them.</summary>
    private static Dataset Images(ImageShape image, int classes, int count)
    {
        var rng = new Rng(3);
        Dataset.Split Split() => new(count, [.. Enumerable.Range(0, count * image.Features).Select(_ => rng.NextGaussian())],
            [.. Enumerable.Range(0, count).Select(i => i % classes)], []);
        return new Dataset
        {
            Name = "images", InputSize = image.Features, OutputSize = classes, IsClassification = true, Image = image,
            Train = Split(), Test = Split(),
        };
    }
}
