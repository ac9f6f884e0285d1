using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using static GradientService.Core.Tests.Data.DataSpecs;

namespace GradientService.Core.Tests.Data;

public class CsvSequencesTests
{
    private static DataSpec Sequences(string text) => new() { Kind = DatasetKind.CsvSequences, Csv = text, TestFraction = 0.34 };

    [Fact]
    public void Create_CsvSequences_StepsOrderedByTimeWithPerStepLabels()
    {
        var d = Create(Sequences(SequencesCsv));
        var (n, x, labels, _) = All(d);

        Assert.Equal((2, 2, 4, 4), (d.InputSize, d.OutputSize, d.SequenceLength, d.TargetsPerExample));
        Assert.Equal(3, n);
        // In SequencesCsv feature a = sequence + t/10 and b = 10·sequence + t, so time order shows in the features.
        var expectedLabels = new Dictionary<double, int[]> { [0] = [0, 1, 1, 0], [1] = [0, 0, 1, 1], [2] = [0, 1, 0, 1] };
        for (var i = 0; i < n; i++)
        {
            var sequence = Math.Round(x[i * 8]);
            for (var t = 0; t < 4; t++)
            {
                Assert.Equal(sequence + t / 10.0, x[i * 8 + 2 * t], 1e-12);
                Assert.Equal(10 * sequence + t, x[i * 8 + 2 * t + 1]);
            }
            Assert.Equal(expectedLabels[sequence], labels[(i * 4)..(i * 4 + 4)]);
        }
    }

    [Fact]
    public void Create_CsvSequencesNamedColumns_AnyColumnOrder()
    {
        const string text = "y,x,time,run\n0.5,1,1,r1\n1.5,2,0,r1\n2.5,3,0,r2\n3.5,4,1,r2\n";
        var d = Create(Sequences(text) with { SequenceColumn = "run", TimeColumn = "time", LabelColumn = "y" });
        var (_, x, _, y) = All(d);

        Assert.Equal((1, 1, false, 2), (d.InputSize, d.OutputSize, d.IsClassification, d.SequenceLength));
        Assert.Equal(4, x.Length);
        for (var i = 0; i < 4; i++) Assert.Equal(x[i] - 0.5, y[i]);
        // r1 is x = 2 then 1 in time order, r2 is 3 then 4; the split may put either first.
        Assert.Equal([[1.0, 2.0], [3.0, 4.0]], new[] { x[..2], x[2..] }.OrderBy(s => s.Min()).Select(s => s.Order().ToArray()));
        Assert.Contains(new[] { x[..2], x[2..] }, s => s.SequenceEqual([2.0, 1.0]));
    }

    [Fact]
    public void Validate_CsvSequencesUnequalLengths_NamesTheSequence()
    {
        var errors = Errors(Sequences("id,t,a,y\nA,0,1,0\nA,1,1,1\nB,0,1,0\nC,0,1,1\nC,1,1,1\n"));

        var e = Assert.Single(errors);
        Assert.Equal("data.csv", e.Field);
        Assert.Contains("sequence \"B\" has 1 step;", e.Message);
        Assert.Contains("\"A\", has 2", e.Message);
    }

    [Fact]
    public void Validate_CsvSequencesRepeatedTime_NamesSequenceAndRows()
    {
        var errors = Errors(Sequences("id,t,a,y\nA,0,1,0\nA,0,1,1\nB,0,1,0\nB,1,1,1\n"));

        var e = Assert.Single(errors);
        Assert.Contains("sequence \"A\" has time 0 twice, in rows 2 and 3", e.Message);
    }

    [Fact]
    public void Validate_CsvSequencesSameColumnForIdAndTime_NamesTheTimeColumn()
    {
        var errors = Errors(Sequences(SequencesCsv) with { TimeColumn = "id" });

        Assert.Equal("data.timeColumn", Assert.Single(errors).Field);
    }

    [Fact]
    public void Validate_CsvSequencesBadTime_NamesRowAndColumn()
    {
        var errors = Errors(Sequences("id,t,a,y\nA,0,1,0\nA,one,1,1\nB,0,1,0\nB,1,1,1\n"));

        Assert.Contains("row 3, column 2 \"t\"", Assert.Single(errors).Message);
    }

    [Fact]
    public void Validate_CsvSequencesOneColumn_NamesTheMissingTimeColumn()
    {
        var errors = Errors(Sequences("id\nA\nB\n"));

        Assert.Contains("only 1 columns", Assert.Single(errors, e => e.Field == "data.timeColumn").Message);
    }
}
