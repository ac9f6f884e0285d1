using System.Text.Json;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests.Spec;

public class SpecJsonTests
{
    [Theory]
    [InlineData(ActivationKind.LeakyRelu, "\"leaky-relu\"")]
    [InlineData(InitScheme.HeNormal, "\"he-normal\"")]
    [InlineData(ClippingMode.GlobalNorm, "\"global-norm\"")]
    [InlineData(OptimizerKind.AdamW, "\"adamw\"")]
    [InlineData(OptimizerKind.RmsProp, "\"rmsprop\"")]
    [InlineData(Precision.Float32, "\"float32\"")]
    [InlineData(Architecture.ResidualMlp, "\"residual-mlp\"")]
    [InlineData(DatasetKind.TwoSpirals, "\"two-spirals\"")]
    public void Serialize_Enum_UsesKebabNameAndRoundTrips(object value, string json)
    {
        var type = value.GetType();

        Assert.Equal(json, JsonSerializer.Serialize(value, type, SpecJson.Options));
        Assert.Equal(value, JsonSerializer.Deserialize(json, type, SpecJson.Options));
    }

    [Fact]
    public void RoundTrip_FullSpec_IsEqual()
    {
        var spec = new RunSpec
        {
            Name = "deep sigmoid",
            Model = new MlpSpec { Widths = [8, 16], Activation = ActivationKind.Sigmoid, Normalization = Normalization.LayerNorm },
            Init = new InitSpec { Scheme = InitScheme.XavierUniform, Bias = 0.5 },
            Optimizer = new OptimizerSpec { Kind = OptimizerKind.AdamW, Schedule = ScheduleKind.Cosine, LearningRate = 3e-4 },
            Clipping = new ClippingSpec { Mode = ClippingMode.GlobalNorm, Threshold = 2 },
            Training = new TrainingSpec { Seed = ulong.MaxValue, Precision = Precision.Float64 },
        };

        var json = JsonSerializer.Serialize(spec, SpecJson.Options);
        var back = JsonSerializer.Deserialize<RunSpec>(json, SpecJson.Options) ?? throw new InvalidOperationException("null spec");

        Assert.Contains("\"learningRate\":0.0003", json);
        Assert.Equal(json, JsonSerializer.Serialize(back, SpecJson.Options));
        Assert.Equal([8, 16], Assert.IsType<MlpSpec>(back.Model).Widths ?? []);
    }

    [Fact]
    public void Deserialize_CommentsAndTrailingCommas_AreAccepted()
    {
        var spec = JsonSerializer.Deserialize<RunSpec>("""
            // a preset
            { "model": { "depth": 20, "activation": "tanh", }, /* inline */ "optimizer": { "kind": "rprop" }, }
            """, SpecJson.Options) ?? throw new InvalidOperationException("null spec");

        Assert.Equal(20, spec.Model.Depth);
        Assert.Equal(ActivationKind.Tanh, spec.Model.Activation);
        Assert.Equal(OptimizerKind.Rprop, spec.Optimizer.Kind);
    }

    [Theory]
    [InlineData("""{ "model": { "activation": "swish" } }""", "$.model.activation")]
    [InlineData("""{ "model": { "activation": 2 } }""", "$.model.activation")]
    // An unknown discriminator is reported on its object (the Api's own walk names "model.architecture").
    [InlineData("""{ "model": { "architecture": "ResidualMlp" } }""", "$.model")]
    [InlineData("""{ "model": { "architecture": "MLP" } }""", "$.model")]
    [InlineData("""{ "model": { "activation": "2" } }""", "$.model.activation")]
    [InlineData("""{ "optimizer": { "learningRate": "0.1" } }""", "$.optimizer.learningRate")]
    [InlineData("""{ "optimizer": { "learningRate": "NaN" } }""", "$.optimizer.learningRate")]
    [InlineData("""{ "model": { "depht": 3 } }""", "$.model.depht")]
    [InlineData("""{ "Model": { "depth": 3 } }""", "$.Model")]
    [InlineData("""{ "model": { "depth": 3, "depth": 4 } }""", "$.model.depth")]
    [InlineData("""{ "model": null }""", "$.model")]
    [InlineData("""{ "model": { "depth": 2.5 } }""", "$.model.depth")]
    [InlineData("""{ "model": { "architecture": "residual-mlp", "widths": [8, 8] } }""", "$.model.widths")]
    [InlineData("""{ "model": { "bpttLength": 10 } }""", "$.model.bpttLength")]
    [InlineData("""{ "model": { "normalization": "layer-norm", "architecture": "gru" } }""", "$.model.normalization")]
    [InlineData("""{ "model": { "architecture": "mamba" } }""", "$.model")]
    public void Deserialize_BadMember_ThrowsNamingThePath(string json, string path)
    {
        var error = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<RunSpec>(json, SpecJson.Options));

        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Deserialize_ModelWithoutArchitecture_IsAnMlp()
    {
        var spec = JsonSerializer.Deserialize<RunSpec>("""{ "model": { "depth": 2, "widths": [3, 5], "normalization": "batch-norm" } }""", SpecJson.Options)
            ?? throw new InvalidOperationException("null spec");

        var mlp = Assert.IsType<MlpSpec>(spec.Model);
        Assert.Equal((2, Normalization.BatchNorm), (mlp.Depth, mlp.Normalization));
        Assert.Equal([3, 5], mlp.Widths ?? []);
    }

    [Fact]
    public void Deserialize_ArchitectureAfterOtherMembers_ReadsItsRecord()
    {
        var spec = JsonSerializer.Deserialize<RunSpec>("""{ "model": { "depth": 2, "forgetBias": 0.5, "architecture": "lstm" } }""", SpecJson.Options)
            ?? throw new InvalidOperationException("null spec");

        Assert.Equal(new LstmSpec { Depth = 2, ForgetBias = 0.5 }, spec.Model);
    }

    [Fact]
    public void Serialize_Model_WritesArchitectureFirst()
    {
        var json = JsonSerializer.Serialize(new RunSpec { Model = new GruSpec { BpttLength = 5 } }, SpecJson.Options);

        Assert.Contains("\"model\":{\"architecture\":\"gru\",", json, StringComparison.Ordinal);
    }
}
