using System.Text.Json;
using GradientService.Contracts.Spec;
using GradientService.Core.Export;
using GradientService.Core.Models;
using GradientService.Core.Tensors;
using GradientService.Core.Tests.Fixtures;
using GradientService.Core.Training;
using GradientService.Core.Transformer;

namespace GradientService.Core.Tests.Transformer;

public class TransformerExportTests
{
    /// <summary>The net built from an oracle fixture has exactly the fixture's tensors (names and shapes, besides input and
    /// target), and the export metadata holds the fixture's settings under the oracle's keys.</summary>
    [Theory]
    [InlineData("transformer-postln-gelu")]
    [InlineData("transformer-preln-relu-causal")]
    public void Export_OracleFixture_SameNamesShapesAndSettings(string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, $"{name}.json"))).RootElement;
        using var stream = File.OpenRead(Path.Combine(dir, $"{name}.safetensors"));
        var fixture = SafeTensorsFile.Read(stream);
        var (spec, shape) = OracleGradientTests.TransformerOf(settings, fixture);
        var net = new TransformerNet<float>(spec, (int)shape[2], (int)fixture.Entry("head.weight").Shape[0], (int)shape[1], 1, new MatrixProduct<float>());

        var tensors = fixture.Entries.Where(e => e.Name is not ("input" or "target")).ToDictionary(e => e.Name, e => e.Shape);
        Assert.Equal(tensors.Keys.Order(), net.Parameters.Select(p => p.Name).Order());
        Assert.All(net.Parameters, p => Assert.Equal(tensors[p.Name], p.Shape.Select(d => (long)d)));
        var metadata = Architectures.Of(spec).ExportMetadata(new RunSpec { Model = spec }, net).ToDictionary(m => m.Key, m => m.Value);
        foreach (var key in new[] { "model", "activation", "readout" })
            Assert.Equal(settings.GetProperty(key).GetString(), metadata[key]);
        foreach (var key in new[] { "norm_first", "causal" })
            Assert.Equal(settings.GetProperty(key).GetBoolean() ? "true" : "false", metadata[key]);
        Assert.Equal(settings.GetProperty("nhead").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), metadata["nhead"]);
        Assert.Equal("16", metadata["d_model"]);
        Assert.Equal("32", metadata["dim_feedforward"]);
        Assert.Equal("1E-05", metadata["layer_norm_eps"]);
    }

    [Fact]
    public void ExportWeights_Transformer_CarriesTheOracleSettings()
    {
        using var trainer = Trainer.Create(TestSpecs.Transformer());
        var weights = new MemoryStream();
        trainer.ExportWeights(weights);
        var file = SafeTensorsFile.Read(new MemoryStream(weights.ToArray()));

        Assert.Equal("transformer", file.Metadata["model"]);
        Assert.Equal("false", file.Metadata["norm_first"]);
        Assert.Equal("mean", file.Metadata["readout"]);
        Assert.Equal([10L, 8L], file.Entry("pos").Shape);
        Assert.Equal([24L, 8L], file.Entry("layers.1.self_attn.in_proj_weight").Shape);
    }
}
