using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using static GradientService.Core.Tests.Data.DataSpecs;

namespace GradientService.Core.Tests.Data;

public class SequentialParityTests
{
    private const int T = 20;

    [Fact]
    public void Create_SequentialParity_LastStepLabelIsParityOfAllBits()
    {
        var d = Create(new DataSpec { Kind = DatasetKind.SequentialParity, Samples = 500, SequenceLength = T });
        var (n, x, labels, _) = All(d);

        Assert.Equal((1, 2, T, T), (d.InputSize, d.OutputSize, d.SequenceLength, d.TargetsPerExample));
        var last = Enumerable.Range(0, n).Select(i => labels[i * T + T - 1]).ToArray();
        for (var i = 0; i < n; i++)
        {
            var bits = x[(i * T)..((i + 1) * T)];
            Assert.All(bits, b => Assert.True(b is 1 or -1));
            Assert.Equal(bits.Count(b => b == 1) % 2, last[i]);
        }
        Assert.All(ClassCounts(last, 2), c => Assert.InRange(c, 200, 300));
    }

    [Fact]
    public void Create_SequentialParity_EveryStepLabelIsTheRunningParity()
    {
        var (n, x, labels, _) = All(Create(new DataSpec { Kind = DatasetKind.SequentialParity, Samples = 200, SequenceLength = T }));

        for (var i = 0; i < n; i++)
            for (var t = 0; t < T; t++)
                Assert.Equal(x[(i * T)..(i * T + t + 1)].Count(b => b == 1) % 2, labels[i * T + t]);
    }
}
