using GradientService.Contracts.Presets;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Api.Tests.Endpoints;

public sealed class PresetCatalogTests
{
    public static TheoryData<string> Names => [.. PresetCatalog.All.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Preset_Spec_PassesTheValidator(string name)
    {
        var errors = SpecValidator.Validate(PresetCatalog.Find(name)!.Spec);

        Assert.Empty(errors);
    }

    [Fact]
    public void Catalog_CoversTheClassicExperiments_InComparableGroups()
    {
        var groups = PresetCatalog.All.GroupBy(p => p.Group).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(["batch-norm", "clipping", "glorot-init", "gradient-free", "hierarchical-softmax", "layerwise-pretraining", "mnist-depth", "mnist-speed", "plain-vs-resnet", "residual", "rnn-vs-lstm", "rprop-vs-sgd", "sigmoid-vs-relu", "transformer-warmup", "xavier-vs-he"], groups.Keys.Order());
        Assert.All(groups, g => Assert.True(g.Value >= 2));
        Assert.Equal(4, groups["mnist-depth"]);
        Assert.All(PresetCatalog.All, p => Assert.False(string.IsNullOrWhiteSpace(p.Demonstrates)));
    }
}
