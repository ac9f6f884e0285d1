using GradientService.Contracts.Presets;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Reproductions;

namespace GradientService.Core.Tests.Reproductions;

/// <summary>
/// Each reproduced figure agrees with its source at CI scale: figures at initialisation are measured at full scale over the
/// same 5 seeds as the presets' records (so the records match what the product measures today); training figures at a
/// reduced scale, with a tolerance that still fails if the product were wrong.
/// </summary>
public class PresetReproductionTests
{
    /// <summary>
    /// A published value is one run of the source (one seed), so it must fall in the 95 % prediction interval of one more
    /// draw from our 5 seeds: mean ± t_{0.975, 4}·√(1 + 1/5)·sd = mean ± 3.04 sd, widened by the source's rounding.
    /// </summary>
    private const double SpreadTolerance = 2.776 * 1.0954;

    public static TheoryData<string> Reproducing =>
        [.. PresetCatalog.All.Where(p => p.Reproduction is { Figures.Count: > 0 }).Select(p => p.Name)];

    [Fact]
    public void Catalog_EveryCitingPreset_SaysWhatItReproducesAndWhatNot()
    {
        Assert.All(PresetCatalog.All, p =>
        {
            var r = Assert.IsType<Reproduction>(p.Reproduction);
            Assert.False(string.IsNullOrWhiteSpace(r.Source) || string.IsNullOrWhiteSpace(r.Setup) || string.IsNullOrWhiteSpace(r.Reproduced));
            Assert.True(r.Figures.Count > 0 || r.NotReproduced.Length > 0, $"{p.Name}: neither a figure nor what is not reproduced");
            Assert.All(r.Figures, f => Assert.True(f.Seeds >= 5 && f.Sd > 0, $"{p.Name}: {f.Quantity}"));
        });
    }

    [Theory]
    [MemberData(nameof(Reproducing))]
    public void Catalog_ReproducedPreset_HasAMeasureForEachFigureAndAgreesWithinTheSpread(string name)
    {
        var figures = PresetCatalog.Find(name)!.Reproduction!.Figures;

        Assert.True(ReproductionMeasures.All.ContainsKey(name), $"{name} has no measure");
        Assert.All(figures, f => Assert.True(Math.Abs(f.Published - f.Mean) <= SpreadTolerance * f.Sd + f.Rounding,
            $"{name}, {f.Quantity}: published {f.Published}, ours {f.Mean} ± {f.Sd}"));
    }

    [Theory]
    [InlineData("mnist-speed-2")]
    [InlineData("mnist-speed-3")]
    [InlineData("mnist-speed-4")]
    public void NielsenSpeed_GradientsAtInitialisation_AreTheRecordedOnesAndFallTowardsTheInput(string name)
    {
        var preset = PresetCatalog.Find(name)!;
        var figures = preset.Reproduction!.Figures;
        var hidden = figures.Count / 2;

        var ours = ReproductionMeasures.OverSeeds(preset.Spec, spec => ReproductionMeasures.BiasGradNorms(spec, [1]));

        for (var l = 0; l < hidden; l++)
        {
            Assert.Equal(figures[l].Mean, ours[l].Mean, figures[l].Mean * 0.005);
            Assert.Equal(figures[l].Sd, ours[l].Sd, figures[l].Sd * 0.005);
        }
        // The book's point: each layer learns 3–6 times slower than the one above it.
        for (var l = 0; l + 1 < hidden; l++) Assert.InRange(ours[l + 1].Mean / ours[l].Mean, 3, 6);
    }

    [Fact]
    public void NielsenSpeed_FiftyEpochsOfFullBatchDescent_MatchTheBooksEpochFortyNine()
    {
        // fig/norms_during_training_2_layers.json, epoch 49: [0.00101, 0.00135] (from 0.066 and 0.31 at epoch 0).
        var preset = PresetCatalog.Find("mnist-speed-2")!;

        var ours = ReproductionMeasures.OverSeeds(preset.Spec, spec => ReproductionMeasures.BiasGradNorms(spec, [50]), seeds: 3);

        Assert.InRange(ours[0].Mean, 0.00101 / 2, 0.00101 * 2);
        Assert.InRange(ours[1].Mean, 0.00135 / 2, 0.00135 * 2);
    }

    [Theory]
    [InlineData("relu30-xavier")]
    [InlineData("relu30-he")]
    public void HeVarianceArgument_ResponseStdFactor_IsTheRecordedOne(string name)
    {
        var preset = PresetCatalog.Find(name)!;
        var figure = preset.Reproduction!.Figures[0];

        var ours = ReproductionMeasures.OverSeeds(preset.Spec, ReproductionMeasures.All[name])[0];

        Assert.Equal(figure.Mean, ours.Mean, 0.001);
        Assert.Equal(figure.Sd, ours.Sd, 0.0005);
    }

    [Theory]
    [InlineData(InitScheme.Standard, 0.5)]
    [InlineData(InitScheme.XavierUniform, 0.8)]
    public void GlorotJacobians_MeanSingularValue_IsTheTextsAtReducedWidth(InitScheme scheme, double published)
    {
        // Width 200 instead of 1,000: the mean singular value of a random square Jacobian does not depend on the width
        // (quarter-circle law), the SVDs take milliseconds instead of seconds.
        var spec = PresetCatalog.Find("glorot-tanh-standard")!.Spec;
        spec = spec with { Model = ((MlpSpec)spec.Model) with { Width = 200 }, Init = new InitSpec { Scheme = scheme } };

        var ours = JacobianSingularValues.MeanAtInit(spec);

        Assert.Equal(published, ours, 0.1);
    }
}
