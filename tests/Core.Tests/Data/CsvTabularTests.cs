using GradientService.Core.Data;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using static GradientService.Core.Tests.Data.DataSpecs;

namespace GradientService.Core.Tests.Data;

public class CsvTabularTests
{
    private static DataSpec Csv(string text, string? label = null) => new() { Kind = DatasetKind.Csv, Csv = text, LabelColumn = label };

    [Fact]
    public void Create_CsvTextLabels_ClassesAreSortedDistinctValues()
    {
        var d = Create(Csv(IrisLikeCsv));
        var (n, x, labels, _) = All(d);

        Assert.Equal((2, 3, true), (d.InputSize, d.OutputSize, d.IsClassification));
        Assert.Equal(10, n);
        // setosa → 0, versicolor → 1, virginica → 2; petal length separates them in this file.
        for (var i = 0; i < n; i++)
            Assert.Equal(x[2 * i + 1] < 2 ? 0 : x[2 * i + 1] < 5 ? 1 : 2, labels[i]);
    }

    [Fact]
    public void Create_CsvIntegerLabels_ClassesInNumericOrder()
    {
        var (n, x, labels, _) = All(Create(Csv("f,y\n10,10\n2,2\n9,9\n2.5,2.0\n10.5,10\n")));

        // Numeric order 2 < 9 < 10 (ordinal text order would put "10" first); "2.0" is the class of "2".
        Assert.Equal(5, n);
        for (var i = 0; i < n; i++)
            Assert.Equal(Math.Floor(x[i]) switch { 2 => 0, 9 => 1, _ => 2 }, labels[i]);
    }

    [Fact]
    public void Create_CsvFractionalLabels_IsRegressionOnTheValue()
    {
        var d = Create(Csv("a,b,y\n1,2,0.5\n3,4,1\n5,6,-2.25\n"));
        var (n, x, _, y) = All(d);

        Assert.Equal((2, 1, false), (d.InputSize, d.OutputSize, d.IsClassification));
        var expected = new Dictionary<double, double> { [1] = 0.5, [3] = 1, [5] = -2.25 };
        for (var i = 0; i < n; i++) Assert.Equal(expected[x[2 * i]], y[i]);
    }

    [Fact]
    public void Create_CsvNamedLabelColumn_OtherColumnsAreFeaturesInFileOrder()
    {
        var (n, x, labels, _) = All(Create(Csv("a,class,b\n1,no,10\n2,yes,20\n3,no,30\n", label: "class")));

        for (var i = 0; i < n; i++)
        {
            Assert.Equal(x[2 * i] * 10, x[2 * i + 1]);
            Assert.Equal(x[2 * i] == 2 ? 1 : 0, labels[i]);
        }
    }

    [Fact]
    public void Create_CsvQuotedFieldsCrlfAndBom_ParsedPerRfc4180()
    {
        const string text = "\uFEFF\"x\",\"the \"\"label\"\"\"\r\n\"1.5\",\"a, b\"\r\n2,\"line\r\nbreak\"\r\n3,\"a, b\"\r\n\r\n";
        var d = Create(Csv(text));
        var (n, x, labels, _) = All(d);

        Assert.Equal(3, n);
        Assert.Equal(2, d.OutputSize);
        for (var i = 0; i < n; i++) Assert.Equal(x[i] == 2 ? 1 : 0, labels[i]); // "a, b" < "line\r\nbreak"
    }

    [Fact]
    public void Shape_Csv_ReadsClassesWithoutGenerating()
    {
        var shape = DatasetFactory.Shape(Csv(IrisLikeCsv));

        Assert.Equal(new DataShape(2, 3, true, 1, 1, false), shape);
    }
}
