using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using static GradientService.Core.Tests.Data.DataSpecs;

namespace GradientService.Core.Tests.Data;

/// <summary>Image data sets say so: their shape's Image, C·H·W features a row, carried into the built data set.</summary>
public class ImageShapeTests
{
    [Theory, MemberData(nameof(AllKinds), MemberType = typeof(DataSpecs))]
    public void Shape_AnyKind_ReportsAnImageExactlyForImageDataSets(DatasetKind kind)
    {
        var shape = DatasetFactory.Shape(Small(kind));

        Assert.Equal(kind is DatasetKind.Mnist or DatasetKind.Bars, shape.Image is not null);
    }

    [Theory]
    [InlineData(DatasetKind.Mnist, 28)]
    [InlineData(DatasetKind.Bars, 8)]
    public void Create_ImageDataSet_RowIsChannelsTimesHeightTimesWidth(DatasetKind kind, int side)
    {
        var spec = Small(kind);
        var d = Create(spec);

        Assert.Equal(new ImageShape(1, side, side), d.Image);
        Assert.Equal(DatasetFactory.Shape(spec).Image, d.Image);
        Assert.Equal(side * side, d.InputSize);
        Assert.Equal(d.Train.Count * side * side, d.Train.Features.Length);
        Assert.Equal((1, 1, false), (d.SequenceLength, d.TargetsPerExample, DatasetFactory.Shape(spec).IsSequence));
    }

    [Fact]
    public void Create_NotAnImage_HasNoImage() => Assert.Null(Create(Small(DatasetKind.Moons)).Image);
}
