using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using static GradientService.Core.Tests.Data.DataSpecs;

namespace GradientService.Core.Tests.Data;

public class CopyTaskTests
{
    private const int T = 15, Length = T + 20, Blank = 8, Delimiter = 9;

    private static int Category(ReadOnlySpan<double> oneHot)
    {
        Assert.Equal(1, oneHot.ToArray().Sum());
        return oneHot.IndexOf(1.0);
    }

    [Fact]
    public void Create_Copy_TargetsRepeatTheInputSymbolsAfterTheDelimiter()
    {
        var d = Create(new DataSpec { Kind = DatasetKind.Copy, Samples = 200, SequenceLength = T });
        var (n, x, labels, _) = All(d);

        Assert.Equal((10, 9, Length, Length), (d.InputSize, d.OutputSize, d.SequenceLength, d.TargetsPerExample));
        for (var i = 0; i < n; i++)
        {
            var inputs = Enumerable.Range(0, Length).Select(t => Category(x.AsSpan((i * Length + t) * 10, 10))).ToArray();
            var targets = labels[(i * Length)..((i + 1) * Length)];
            Assert.All(inputs[..10], s => Assert.InRange(s, 0, 7));
            Assert.All(inputs[10..(T + 9)], s => Assert.Equal(Blank, s));
            Assert.Equal(Delimiter, inputs[T + 9]);
            Assert.All(inputs[(T + 10)..], s => Assert.Equal(Blank, s));
            Assert.All(targets[..(T + 10)], s => Assert.Equal(Blank, s));
            Assert.Equal(inputs[..10], targets[(T + 10)..]);
        }
    }

    [Fact]
    public void Create_Copy_SymbolsUseTheWholeAlphabet()
    {
        var (n, x, _, _) = All(Create(new DataSpec { Kind = DatasetKind.Copy, Samples = 200, SequenceLength = 1 }));

        var counts = new int[8];
        for (var i = 0; i < n; i++)
            for (var t = 0; t < 10; t++)
                counts[Category(x.AsSpan((i * 21 + t) * 10, 10))]++;
        Assert.All(counts, c => Assert.InRange(c, 200, 300)); // 2000 draws / 8 = 250
    }
}
