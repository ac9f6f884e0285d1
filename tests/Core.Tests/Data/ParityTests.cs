using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using static GradientService.Core.Tests.Data.DataSpecs;

namespace GradientService.Core.Tests.Data;

public class ParityTests
{
    [Fact]
    public void Create_Parity_LabelIsOddCountOfPlusOnes()
    {
        var (n, x, labels, _) = All(Create(new DataSpec { Kind = DatasetKind.Parity, Bits = 10, Samples = 500 }));

        Assert.Equal(500, n);
        for (var i = 0; i < n; i++)
        {
            var bits = x[(i * 10)..(i * 10 + 10)];
            Assert.All(bits, b => Assert.True(b is 1 or -1));
            Assert.Equal(bits.Count(b => b == 1) % 2, labels[i]);
        }
    }

    [Fact]
    public void Create_Parity_SamplesAtLeastTwoToTheBits_EnumeratesEveryPatternOnce()
    {
        var (n, x, labels, _) = All(Create(new DataSpec { Kind = DatasetKind.Parity, Bits = 6, Samples = 1000 }));

        Assert.Equal(64, n);
        var patterns = Enumerable.Range(0, n).Select(i => string.Join(',', x[(i * 6)..(i * 6 + 6)])).ToHashSet();
        Assert.Equal(64, patterns.Count);
        Assert.Equal([32, 32], ClassCounts(labels, 2));
    }

    [Fact]
    public void Create_Parity_FewerSamplesThanPatterns_DrawsWithReplacement()
    {
        var (n, x, _, _) = All(Create(new DataSpec { Kind = DatasetKind.Parity, Bits = 4, Samples = 15 }));

        // 15 draws from 16 patterns repeat one with probability 1 − 16!/16^15 ≈ 0.9999; seed 1 is such a draw.
        Assert.Equal(15, n);
        Assert.True(Enumerable.Range(0, n).Select(i => string.Join(',', x[(i * 4)..(i * 4 + 4)])).Distinct().Count() < 15);
    }
}
