using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Contracts.Presets;
using GradientService.Contracts.Spec;
using GradientService.Core.Diagnosis;

namespace GradientService.Core.Tests.Diagnosis;

public class RemedyCatalogTests
{
    public static TheoryData<string, string> RemedyOnPreset()
    {
        var data = new TheoryData<string, string>();
        foreach (var remedy in RemedyCatalog.All)
            foreach (var preset in PresetCatalog.All) data.Add(remedy.Id, preset.Name);
        return data;
    }

    [Fact]
    public void All_Ids_AreUnique() => Assert.Equal(RemedyCatalog.All.Count, RemedyCatalog.All.Select(r => r.Id).Distinct().Count());

    [Fact]
    public void All_EveryRemedy_AppliesToSomePreset() =>
        Assert.All(RemedyCatalog.All, r => Assert.Contains(PresetCatalog.All, p => r.Patch(p.Spec) is not null));

    [Theory]
    [MemberData(nameof(RemedyOnPreset))]
    public void Patch_OverThePresetsJson_GivesTheChangedSpec(string remedy, string preset)
    {
        var spec = PresetCatalog.Find(preset)!.Spec;
        var found = RemedyCatalog.Find(remedy)!;
        var changed = found.Change(spec);
        var patch = found.Patch(spec);

        if (changed is null || changed == spec)
        {
            Assert.Null(patch);
            return;
        }
        Assert.NotNull(patch);
        var merged = Merge((JsonObject)JsonSerializer.SerializeToNode(spec, SpecJson.Options)!, patch);
        var expected = JsonSerializer.SerializeToNode(changed, SpecJson.Options);
        var roundTrip = JsonSerializer.SerializeToNode(merged.Deserialize<RunSpec>(SpecJson.Options), SpecJson.Options);
        Assert.True(JsonNode.DeepEquals(expected, roundTrip), $"{remedy} on {preset}: {roundTrip?.ToJsonString()} vs {expected?.ToJsonString()}");
    }

    [Theory]
    [InlineData(RemedyCatalog.ReluHe, "deep-relu-he")]
    [InlineData(RemedyCatalog.Clip, "exploding-rnn-clipped")]
    [InlineData(RemedyCatalog.Lstm, "adding-lstm")]
    [InlineData(RemedyCatalog.BatchNorm, "deep-sigmoid-batchnorm")]
    [InlineData(RemedyCatalog.Residual, "deep-tanh-residual")]
    [InlineData(RemedyCatalog.ReluHe, "adding-rnn")]
    [InlineData(RemedyCatalog.Kumar, "deep-relu-he")]
    [InlineData(RemedyCatalog.Clip, "search-genetic")] // gradient-free: no backprop step to clip, tune or precede
    [InlineData(RemedyCatalog.Adam, "search-evolution-strategy")]
    [InlineData(RemedyCatalog.LayerwisePretraining, "search-genetic")]
    public void Patch_SpecAlreadyHasItOrWrongNet_IsNull(string remedy, string preset) =>
        Assert.Null(RemedyCatalog.Find(remedy)!.Patch(PresetCatalog.Find(preset)!.Spec));

    [Fact]
    public void Patch_ReluHeOnDeepSigmoid_ChangesActivationAndSchemeOnly()
    {
        var patch = RemedyCatalog.Find(RemedyCatalog.ReluHe)!.Patch(PresetCatalog.Find("deep-sigmoid")!.Spec)!;

        Assert.Equal("""{"model":{"activation":"relu"},"init":{"scheme":"he-normal"}}""", patch.ToJsonString());
    }

    [Fact]
    public void Patch_ResidualOnPlainMlp_SwitchesArchitectureWithItsFields()
    {
        var patch = RemedyCatalog.Find(RemedyCatalog.Residual)!.Patch(PresetCatalog.Find("deep-tanh-plain")!.Spec)!;

        Assert.Equal("""{"model":{"architecture":"residual-mlp","blockSize":1,"widths":null}}""", patch.ToJsonString());
    }

    /// <summary>RFC 7386, written out here as the oracle (the Api's JsonMerge also keeps an architecture switch's shared fields).</summary>
    private static JsonObject Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is null) target.Remove(name);
            else if (value is JsonObject p && target[name] is JsonObject t) Merge(t, p);
            else target[name] = value.DeepClone();
        }
        return target;
    }
}
