using GradientService.Contracts.Spec;
using GradientService.Core.Diagnosis;

namespace GradientService.Core.Tests.Diagnosis;

/// <summary>Diagnoses and remedies of the nets built of blocks and sublayers (cnn, transformer), which mean-field theory does not cover.</summary>
public class BlockNetDiagnosisTests
{
    [Theory]
    [InlineData("cnn", "convolutional")]
    [InlineData("transformer", "transformer")]
    public void Diagnose_NetOutsideMeanFieldTheory_GivesMeasuredDepthAndSaysWhyNoPrediction(string architecture, string caveat)
    {
        ModelSpec model = architecture == "cnn" ? new CnnSpec() : new TransformerSpec();
        var spec = new RunSpec { Model = model };
        double?[] delta = [1e-6, 1e-4, 1e-2, 1];

        var depth = Diagnoser.Diagnose(new DiagnosisInput(spec, 10, false, [], delta, delta, null, null)).Depth;

        Assert.NotNull(depth);
        Assert.Equal(0.01, depth.MeasuredFactor!.Value, 12); // ‖δ₁‖/‖δ₃‖ = 1e-4 over the 2 steps between the 3 hidden rows
        Assert.Null(depth.PredictedFactor);
        Assert.Null(depth.PredictedDecades);
        var only = Assert.Single(depth.Caveats);
        Assert.Equal(caveat, only.Code);
        Assert.True(only.Voids);
    }

    [Fact]
    public void Patch_PreLnOnPostLnTransformer_SwitchesPlacementOnly()
    {
        var spec = new RunSpec { Model = new TransformerSpec { Placement = NormPlacement.PostLn } };

        var patch = RemedyCatalog.Find(RemedyCatalog.PreLn)!.Patch(spec)!;

        Assert.Equal("""{"model":{"placement":"pre-ln"}}""", patch.ToJsonString());
        Assert.Null(RemedyCatalog.Find(RemedyCatalog.PreLn)!.Patch(spec with { Model = new TransformerSpec { Placement = NormPlacement.PreLn } }));
    }

    [Theory]
    [InlineData(20, 1, 20)]
    [InlineData(19, 1, 20)]
    [InlineData(18, 3, 18)]
    [InlineData(19, 3, 24)]
    public void Change_ResidualOnPlainCnn_MakesWholeBlocksPerStage(int depth, int stages, int expected)
    {
        var spec = new RunSpec { Model = new CnnSpec { Depth = depth, Stages = stages, Block = CnnBlock.Plain } };

        var changed = (CnnSpec)RemedyCatalog.Find(RemedyCatalog.Residual)!.Change(spec)!.Model;

        Assert.Equal(CnnBlock.Residual, changed.Block);
        Assert.Equal(expected, changed.Depth);
        Assert.Equal(stages, changed.Stages);
    }

    [Fact]
    public void Change_CnnRemediesOnExplicitLayerList_DoNotApply()
    {
        var spec = new RunSpec
        {
            Model = new CnnSpec { Normalization = Normalization.None, Layers = [new CnnLayerSpec { Type = "flatten" }, new CnnLayerSpec { Type = "linear", OutFeatures = 10 }] },
        };

        Assert.Null(RemedyCatalog.Find(RemedyCatalog.Residual)!.Change(spec));
        Assert.Null(RemedyCatalog.Find(RemedyCatalog.BatchNorm)!.Change(spec));
        Assert.Null(RemedyCatalog.Find(RemedyCatalog.ReluHe)!.Change(spec));
    }
}
