using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using static GradientService.Core.Tests.Data.DataSpecs;

namespace GradientService.Core.Tests.Data;

public class AddingProblemTests
{
    [Fact]
    public void Create_Adding_TwoMarkersOnePerHalfAndTargetIsTheirSum()
    {
        const int T = 31;
        var (n, x, _, y) = All(Create(new DataSpec { Kind = DatasetKind.Adding, Samples = 500, SequenceLength = T }));

        for (var i = 0; i < n; i++)
        {
            var seq = x.AsSpan(i * T * 2, T * 2);
            var marked = new List<int>();
            for (var t = 0; t < T; t++)
            {
                Assert.InRange(seq[2 * t], 0, 1);
                Assert.True(seq[2 * t + 1] is 0 or 1);
                if (seq[2 * t + 1] == 1) marked.Add(t);
            }
            Assert.Equal(2, marked.Count);
            Assert.InRange(marked[0], 0, T / 2 - 1);
            Assert.InRange(marked[1], T / 2, T - 1);
            Assert.Equal(seq[2 * marked[0]] + seq[2 * marked[1]], y[i]);
        }
    }

    [Fact]
    public void Create_Adding_PredictingOneGivesBaselineMse()
    {
        var (n, _, _, y) = All(Create(new DataSpec { Kind = DatasetKind.Adding, Samples = 20_000, SequenceLength = 50 }));

        // Var(U + U′) = 2/12 ≈ 0.167 (Hochreiter & Schmidhuber 1997; Le et al. 2015).
        Assert.Equal(20_000, n);
        Assert.InRange(y.Average(v => (v - 1) * (v - 1)), 0.167 - 0.01, 0.167 + 0.01);
    }

    [Fact]
    public void Create_Adding_MarkersCoverBothHalves()
    {
        const int T = 10;
        var (n, x, _, _) = All(Create(new DataSpec { Kind = DatasetKind.Adding, Samples = 2000, SequenceLength = T }));

        var hits = new int[T];
        for (var i = 0; i < n; i++)
            for (var t = 0; t < T; t++)
                hits[t] += (int)x[i * T * 2 + 2 * t + 1];
        Assert.All(hits, h => Assert.InRange(h, 300, 500)); // 2000 / 5 = 400 per position
    }
}
