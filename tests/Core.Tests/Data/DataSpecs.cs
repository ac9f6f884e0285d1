using System.Runtime.InteropServices;
using GradientService.Core.Data;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Data;

/// <summary>A small valid spec of every data set, and the helpers the data tests share.</summary>
internal static class DataSpecs
{
    public const string IrisLikeCsv = """
        sepal,petal,species
        5.1,1.4,setosa
        4.9,1.4,setosa
        6.3,4.9,versicolor
        5.8,4.0,versicolor
        6.5,5.2,virginica
        7.7,6.7,virginica
        5.0,1.5,setosa
        6.0,4.5,versicolor
        6.9,5.7,virginica
        5.4,1.7,setosa
        """;

    /// <summary>Three sequences of length 4 (rows deliberately out of time order), two features, integer labels.</summary>
    public const string SequencesCsv = """
        id,t,a,b,y
        s1,2,0.2,2,1
        s1,0,0.0,0,0
        s2,0,1.0,10,0
        s1,1,0.1,1,1
        s1,3,0.3,3,0
        s2,1,1.1,11,0
        s2,2,1.2,12,1
        s2,3,1.3,13,1
        s3,3,2.3,23,1
        s3,2,2.2,22,0
        s3,1,2.1,21,1
        s3,0,2.0,20,0
        """;

    public static DataSpec Small(DatasetKind kind) => kind switch
    {
        DatasetKind.Csv => new DataSpec { Kind = kind, Csv = IrisLikeCsv },
        DatasetKind.CsvSequences => new DataSpec { Kind = kind, Csv = SequencesCsv, TestFraction = 0.34 },
        DatasetKind.Mnist => new DataSpec { Kind = kind, Samples = 200 },
        DatasetKind.Bars => new DataSpec { Kind = kind, Samples = 200, ImageSize = 8 },
        DatasetKind.Adding or DatasetKind.Copy or DatasetKind.TemporalOrder or DatasetKind.SequentialParity or DatasetKind.Text =>
            new DataSpec { Kind = kind, Samples = 100, SequenceLength = 12 },
        _ => new DataSpec { Kind = kind, Samples = 200, Bits = 5 },
    };

    public static TheoryData<DatasetKind> AllKinds() => new(Enum.GetValues<DatasetKind>());

    public static Dataset Create(DataSpec spec, ulong seed = 1) => DatasetFactory.Create(spec, new Rng(seed));

    /// <summary>Errors Validate reports for <paramref name="spec"/>.</summary>
    public static List<SpecError> Errors(DataSpec spec)
    {
        var errors = new List<SpecError>();
        DatasetFactory.Validate(spec, errors);
        return errors;
    }

    /// <summary>Train and test together, train first.</summary>
    public static (int Count, double[] Features, int[] Labels, double[] Targets) All(Dataset d) =>
        (d.Train.Count + d.Test.Count, [.. d.Train.Features, .. d.Test.Features], [.. d.Train.Labels, .. d.Test.Labels],
            [.. d.Train.Targets, .. d.Test.Targets]);

    public static bool BitwiseEqual(double[] a, double[] b) =>
        MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan()));

    public static int[] ClassCounts(int[] labels, int classes)
    {
        var counts = new int[classes];
        foreach (var l in labels) counts[l]++;
        return counts;
    }
}
