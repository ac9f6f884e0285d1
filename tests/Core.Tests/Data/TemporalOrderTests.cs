using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using static GradientService.Core.Tests.Data.DataSpecs;

namespace GradientService.Core.Tests.Data;

public class TemporalOrderTests
{
    private const int X = 4, Y = 5, Start = 6, Trigger = 7;

    [Theory]
    [InlineData(100, 10, 20, 50, 60)]
    [InlineData(10, 1, 2, 5, 6)]
    public void Create_TemporalOrder_LabelIsTheOrderOfTheTwoMarkedSymbols(int T, int lo1, int hi1, int lo2, int hi2)
    {
        var (n, x, labels, _) = All(Create(new DataSpec { Kind = DatasetKind.TemporalOrder, Samples = 400, SequenceLength = T }));

        for (var i = 0; i < n; i++)
        {
            var symbols = Enumerable.Range(0, T).Select(t =>
            {
                var oneHot = x.AsSpan((i * T + t) * 8, 8);
                Assert.Equal(1, oneHot.ToArray().Sum());
                return oneHot.IndexOf(1.0);
            }).ToArray();
            Assert.Equal(Start, symbols[0]);
            Assert.Equal(Trigger, symbols[^1]);
            var marked = Enumerable.Range(0, T).Where(t => symbols[t] is X or Y).ToArray();
            Assert.Equal(2, marked.Length);
            Assert.InRange(marked[0], lo1, hi1);
            Assert.InRange(marked[1], lo2, hi2);
            Assert.All(symbols[1..^1].Where(s => s is not (X or Y)), s => Assert.InRange(s, 0, 3));
            Assert.Equal((symbols[marked[0]] == Y ? 2 : 0) + (symbols[marked[1]] == Y ? 1 : 0), labels[i]);
        }
        Assert.Equal([100, 100, 100, 100], ClassCounts(labels, 4));
    }
}
