using GradientService.Core.Data;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using static GradientService.Core.Tests.Data.DataSpecs;

namespace GradientService.Core.Tests.Data;

/// <summary>What every data set promises: its shape as predicted, determinism in the seed, and the split.</summary>
public class DatasetFactoryTests
{
    [Theory, MemberData(nameof(AllKinds), MemberType = typeof(DataSpecs))]
    public void Create_SmallSpec_MatchesPredictedShape(DatasetKind kind)
    {
        var spec = Small(kind);
        Assert.Empty(Errors(spec));
        var shape = DatasetFactory.Shape(spec);
        var d = Create(spec);

        Assert.Equal(
            (shape.InputSize, shape.OutputSize, shape.IsClassification, shape.SequenceLength, shape.TargetsPerExample),
            (d.InputSize, d.OutputSize, d.IsClassification, d.SequenceLength, d.TargetsPerExample));
        Assert.Equal(kind is DatasetKind.Adding or DatasetKind.Copy or DatasetKind.TemporalOrder
            or DatasetKind.SequentialParity or DatasetKind.CsvSequences or DatasetKind.Text, shape.IsSequence);
        foreach (var split in new[] { d.Train, d.Test })
        {
            Assert.Equal(split.Count * shape.SequenceLength * shape.InputSize, split.Features.Length);
            Assert.Equal(shape.IsClassification ? split.Count * shape.TargetsPerExample : 0, split.Labels.Length);
            Assert.Equal(shape.IsClassification ? 0 : split.Count * shape.TargetsPerExample * shape.OutputSize, split.Targets.Length);
            Assert.All(split.Labels, l => Assert.InRange(l, 0, shape.OutputSize - 1));
            Assert.All(split.Features, v => Assert.True(double.IsFinite(v)));
            Assert.All(split.Targets, v => Assert.True(double.IsFinite(v)));
        }
    }

    [Theory, MemberData(nameof(AllKinds), MemberType = typeof(DataSpecs))]
    public void Create_SameSeed_GivesBitwiseSameData(DatasetKind kind)
    {
        var (a, b) = (Create(Small(kind), 7), Create(Small(kind), 7));

        Assert.True(BitwiseEqual(a.Train.Features, b.Train.Features));
        Assert.True(BitwiseEqual(a.Test.Features, b.Test.Features));
        Assert.True(BitwiseEqual(a.Train.Targets, b.Train.Targets));
        Assert.Equal(a.Train.Labels, b.Train.Labels);
        Assert.Equal(a.Test.Labels, b.Test.Labels);
    }

    [Theory, MemberData(nameof(AllKinds), MemberType = typeof(DataSpecs))]
    public void Create_DifferentSeeds_GiveDifferentData(DatasetKind kind)
    {
        var (a, b) = (Create(Small(kind), 7), Create(Small(kind), 8));

        Assert.False(BitwiseEqual(a.Train.Features, b.Train.Features));
    }

    [Theory]
    [InlineData(DatasetKind.Moons, 1000, 0.2, 200)]
    [InlineData(DatasetKind.Sine, 333, 0.1, 33)]
    [InlineData(DatasetKind.Adding, 10, 0.05, 1)]
    [InlineData(DatasetKind.TemporalOrder, 101, 0.5, 51)]
    public void Create_TestFraction_SplitsRoundedShare(DatasetKind kind, int samples, double fraction, int expectedTest)
    {
        var d = Create(new DataSpec { Kind = kind, Samples = samples, TestFraction = fraction, SequenceLength = 20 });

        Assert.Equal((samples - expectedTest, expectedTest), (d.Train.Count, d.Test.Count));
    }

    [Fact]
    public void Create_Moons_SplitIsAShuffleOfTheGeneratedPoints()
    {
        var spec = new DataSpec { Samples = 100, Noise = 0 };
        var d = Create(spec);
        var (_, x, labels, _) = All(d);

        // Noise-free moons are 50 distinct points per class, generated class by class; the split must hold each
        // exactly once, shuffled.
        var points = Enumerable.Range(0, 100).Select(i => (x[2 * i], x[2 * i + 1], labels[i])).ToList();
        Assert.Equal(100, points.Distinct().Count());
        Assert.Equal([50, 50], ClassCounts(labels, 2));
        Assert.NotEqual(labels.Order(), labels);
    }

    [Fact]
    public void Create_InvalidSpec_ThrowsNamingTheField()
    {
        var e = Assert.Throws<ArgumentException>(() => Create(new DataSpec { Samples = -5 }));

        Assert.Contains("data.samples", e.Message);
    }

    [Theory]
    [InlineData(DatasetKind.Moons, "moons")]
    [InlineData(DatasetKind.TwoSpirals, "two-spirals")]
    [InlineData(DatasetKind.CsvSequences, "csv-sequences")]
    [InlineData(DatasetKind.Bars, "bars")]
    [InlineData(DatasetKind.Text, "text")]
    public void Create_AnyKind_NamesTheDataSetByItsWireName(DatasetKind kind, string name) =>
        Assert.Equal(name, Create(Small(kind)).Name);
}
