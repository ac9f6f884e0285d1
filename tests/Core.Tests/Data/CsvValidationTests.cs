using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using static GradientService.Core.Tests.Data.DataSpecs;

namespace GradientService.Core.Tests.Data;

public class CsvValidationTests
{
    private static List<SpecError> CsvErrors(string? text, string? label = null) =>
        Errors(new DataSpec { Kind = DatasetKind.Csv, Csv = text, LabelColumn = label });

    private static void AssertOneError(List<SpecError> errors, string field, params string[] fragments)
    {
        var e = Assert.Single(errors);
        Assert.Equal(field, e.Field);
        Assert.All(fragments, f => Assert.Contains(f, e.Message));
    }

    [Fact]
    public void Validate_CsvBadCell_NamesRowAndColumn() =>
        AssertOneError(CsvErrors("a,b,y\n1,2,x\n3,4,y\n5,oops,x\n"), "data.csv", "row 4", "column 2 \"b\"", "\"oops\"");

    [Fact]
    public void Validate_CsvNonFiniteCell_NamesRowAndColumn() =>
        AssertOneError(CsvErrors("a,y\n1,x\nNaN,y\n"), "data.csv", "row 3", "column 1 \"a\"", "finite");

    [Fact]
    public void Validate_CsvRowWithTooFewFields_NamesTheRow() =>
        AssertOneError(CsvErrors("a,b,y\n1,2,x\n3,4\n5,6,y\n"), "data.csv", "row 3 has 2 fields", "header has 3");

    [Fact]
    public void Validate_CsvQuoteInsideUnquotedField_NamesRowAndColumn() =>
        AssertOneError(CsvErrors("a,y\n1,x\n2,a\"b\n"), "data.csv", "row 3, column 2", "quote");

    [Fact]
    public void Validate_CsvTextAfterClosingQuote_NamesRowAndColumn() =>
        AssertOneError(CsvErrors("a,y\n\"1\"2,x\n3,y\n"), "data.csv", "row 2, column 1", "after the closing quote");

    [Fact]
    public void Validate_CsvUnclosedQuote_NamesRowAndColumn() =>
        AssertOneError(CsvErrors("a,y\n1,x\n2,\"y\n"), "data.csv", "row 3, column 2", "never closed");

    [Fact]
    public void Validate_CsvEmptyLabel_NamesRowAndColumn() =>
        AssertOneError(CsvErrors("a,y\n1,x\n2,\n3,y\n"), "data.csv", "row 3, column 2 \"y\"", "empty");

    [Fact]
    public void Validate_CsvUnknownLabelColumn_NamesTheLabelColumnField() =>
        AssertOneError(CsvErrors("a,y\n1,x\n2,y\n", label: "target"), "data.labelColumn", "\"target\"", "\"a\", \"y\"");

    [Fact]
    public void Validate_CsvSingleClass_Rejected() =>
        AssertOneError(CsvErrors("a,y\n1,x\n2,x\n"), "data.csv", "single value", "\"x\"");

    [Fact]
    public void Validate_CsvDuplicateHeader_NamesTheColumn() =>
        AssertOneError(CsvErrors("a,a,y\n1,2,x\n3,4,y\n"), "data.csv", "row 1, column 2", "used twice");

    [Fact]
    public void Validate_CsvOnlyLabelColumn_NeedsAFeature() =>
        AssertOneError(CsvErrors("y\nx\ny\n"), "data.csv", "no numeric feature column");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n ")]
    public void Validate_CsvMissing_IsRequired(string? text) => AssertOneError(CsvErrors(text), "data.csv", "required");

    [Fact]
    public void Validate_CsvHeaderOnly_NeedsDataRows() => AssertOneError(CsvErrors("a,y\n"), "data.csv", "0 data rows");

    [Fact]
    public void Validate_CsvBeyondMaxLength_Rejected() =>
        AssertOneError(CsvErrors("a,y\n" + new string('1', Limits.MaxCsvLength)), "data.csv", "beyond the limit");

    [Fact]
    public void Validate_CsvManyBadCells_ListsTheFirstTwentyAndCountsTheRest()
    {
        var text = "a,y\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"bad{i},{i % 2}\n"));
        var errors = CsvErrors(text);

        Assert.Equal(21, errors.Count);
        Assert.Contains("row 2, column 1", errors[0].Message);
        Assert.Contains("30 more", errors[^1].Message);
    }
}
