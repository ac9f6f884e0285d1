using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;
using static GradientService.Core.Tests.Data.DataSpecs;

namespace GradientService.Core.Tests.Data;

public class DataValidationTests
{
    [Theory, MemberData(nameof(AllKinds), MemberType = typeof(DataSpecs))]
    public void Validate_DefaultsOfEveryGenerator_HaveNoProblem(DatasetKind kind)
    {
        var spec = kind is DatasetKind.Csv or DatasetKind.CsvSequences ? Small(kind) : new DataSpec { Kind = kind };

        Assert.Empty(Errors(spec));
    }

    [Fact]
    public void Validate_TeacherWithManyProblems_NamesEveryField()
    {
        var spec = new DataSpec
        {
            Kind = DatasetKind.Teacher, Samples = -1, TestFraction = 0.9, Noise = double.NaN, Classes = 1, Dimensions = 0,
            TeacherDepth = 0, TeacherWidth = 5000,
        };

        var fields = Errors(spec).Select(e => e.Field).Order().ToArray();

        Assert.Equal(["data.classes", "data.dimensions", "data.noise", "data.samples", "data.teacherDepth",
            "data.teacherWidth", "data.testFraction"], fields);
    }

    [Theory]
    [InlineData(DatasetKind.Moons, "data.noise", double.PositiveInfinity)]
    [InlineData(DatasetKind.Circles, "data.noise", -0.1)]
    [InlineData(DatasetKind.Sine, "data.noise", 11.0)]
    public void Validate_BadNoise_NamesNoise(DatasetKind kind, string field, double noise) =>
        Assert.Equal(field, Assert.Single(Errors(new DataSpec { Kind = kind, Noise = noise })).Field);

    [Theory]
    [InlineData(DatasetKind.Adding, 1)]
    [InlineData(DatasetKind.Adding, 1001)]
    [InlineData(DatasetKind.Copy, 0)]
    [InlineData(DatasetKind.Copy, 981)] // T + 20 steps must fit in MaxSequenceLength
    [InlineData(DatasetKind.TemporalOrder, 9)]
    [InlineData(DatasetKind.SequentialParity, -3)]
    public void Validate_SequenceLengthOutOfRange_NamesSequenceLength(DatasetKind kind, int length) =>
        Assert.Equal("data.sequenceLength", Assert.Single(Errors(new DataSpec { Kind = kind, SequenceLength = length })).Field);

    [Fact]
    public void Validate_TooManyValuesInMemory_NamesSamples()
    {
        var errors = Errors(new DataSpec { Kind = DatasetKind.Copy, Samples = 100_000, SequenceLength = 500 });

        var e = Assert.Single(errors);
        Assert.Equal("data.samples", e.Field);
        Assert.Contains("beyond the limit", e.Message);
    }

    [Fact]
    public void Validate_TeacherTooCostly_NamesTeacherWidth()
    {
        var spec = new DataSpec { Kind = DatasetKind.Teacher, Samples = 100_000, TeacherDepth = 50, TeacherWidth = 1024 };

        Assert.Contains("multiply-adds", Assert.Single(Errors(spec), e => e.Field == "data.teacherWidth").Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    public void Validate_ParityBitsOutOfRange_NamesBits(int bits) =>
        Assert.Equal("data.bits", Assert.Single(Errors(new DataSpec { Kind = DatasetKind.Parity, Bits = bits })).Field);

    [Fact]
    public void Validate_MnistMoreThanShipped_NamesSamples() =>
        Assert.Equal("data.samples", Assert.Single(Errors(new DataSpec { Kind = DatasetKind.Mnist, Samples = 10_001 })).Field);

    [Fact]
    public void Validate_UnknownKind_NamesKind() =>
        Assert.Equal("data.kind", Assert.Single(Errors(new DataSpec { Kind = (DatasetKind)99 })).Field);

    [Fact]
    public void Validate_NullSpec_NamesData() =>
        Assert.Equal("data", Assert.Single(Errors(null!)).Field); // null!: JSON "data": null binds to null despite the annotation

    [Fact]
    public void Validate_GarbageCsv_NeverThrowsAndAlwaysExplains()
    {
        // Random text over the characters that steer an RFC 4180 reader, at random lengths, for both CSV kinds and
        // with random column names: every outcome is either a valid file or at least one error, never an exception.
        var rng = new Rng(2024);
        const string alphabet = "ab1.,\"\r\n -eE\uFEFF\0";
        var failures = 0;
        for (var i = 0; i < 3000; i++)
        {
            var text = new string(Enumerable.Range(0, rng.Next(0, 60)).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
            var kind = i % 2 == 0 ? DatasetKind.Csv : DatasetKind.CsvSequences;
            var spec = new DataSpec { Kind = kind, Csv = text, LabelColumn = i % 3 == 0 ? "a" : null, TimeColumn = i % 5 == 0 ? "b" : null };
            var errors = Errors(spec);
            if (errors.Count == 0) Create(spec); // a file that validates must also build
            else failures++;
            Assert.All(errors, e => Assert.StartsWith("data.", e.Field));
        }
        Assert.InRange(failures, 2000, 3000); // garbage is nearly always rejected
    }

    [Fact]
    public void Validate_ExtremeNumbers_NeverThrow()
    {
        int[] ints = [int.MinValue, -1, 0, 1, int.MaxValue];
        double[] reals = [double.NaN, double.NegativeInfinity, -1e308, 0, 1e308, double.PositiveInfinity];
        foreach (var kind in Enum.GetValues<DatasetKind>())
            foreach (var n in ints)
                foreach (var r in reals)
                {
                    var spec = new DataSpec
                    {
                        Kind = kind, Samples = n, TestFraction = r, Noise = r, Classes = n, Dimensions = n, Bits = n,
                        TeacherDepth = n, TeacherWidth = n, SequenceLength = n, ImageSize = n, Csv = "a,y\n1,x\n2,y\n",
                    };
                    Assert.NotEmpty(Errors(spec)); // TestFraction is out of range in every combination
                }
    }
}
