using System.IO.Compression;
using System.Text;
using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using static GradientService.Core.Tests.Data.DataSpecs;

namespace GradientService.Core.Tests.Data;

public class NextCharacterTests
{
    /// <summary>The shipped novel read straight from the resource, apart from TextArchive's decoding.</summary>
    private static readonly Lazy<string> Novel = new(() =>
    {
        using var stream = typeof(Dataset).Assembly.GetManifestResourceStream("GradientService.Core.Data.Text.pride-and-prejudice.txt.gz")!;
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress), Encoding.ASCII);
        return reader.ReadToEnd();
    });

    private static DataSpec Text(int T, int samples = 300) => new() { Kind = DatasetKind.Text, SequenceLength = T, Samples = samples };

    /// <summary>Example <paramref name="i"/> as its T input characters followed by its target, asserting each step is one-hot.</summary>
    private static string Window(double[] x, int[] labels, int i, int T, string vocabulary)
    {
        var V = vocabulary.Length;
        var text = new StringBuilder();
        for (var t = 0; t < T; t++)
        {
            var step = x.AsSpan((i * T + t) * V, V);
            var hot = step.IndexOf(1.0);
            if (hot < 0 || step.Count(0.0) != V - 1) Assert.Fail($"step {t} of example {i} is not one-hot");
            text.Append(vocabulary[hot]);
        }
        return text.Append(vocabulary[labels[i]]).ToString();
    }

    [Fact]
    public void Vocabulary_IsTheNovelsDistinctCharactersInOrdinalOrder()
    {
        var expected = string.Concat(Novel.Value.Distinct().Order());

        Assert.Equal(expected, TextArchive.Vocabulary);
        Assert.Equal(75, TextArchive.Vocabulary.Length);
        Assert.Equal(684_768, TextArchive.Codes.Length);
        Assert.StartsWith("It is a truth universally acknowledged", Novel.Value[Novel.Value.IndexOf("It is", StringComparison.Ordinal)..]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    public void Create_Text_EachExampleIsAnAlignedWindowAndItsTargetTheNextCharacter(int T)
    {
        var (n, x, labels, _) = All(Create(Text(T)));
        var novel = Novel.Value;

        for (var i = 0; i < n; i++)
        {
            // Inputs and target together are T + 1 consecutive characters of the novel, starting at a multiple of T + 1.
            var window = Window(x, labels, i, T, TextArchive.Vocabulary);
            Assert.Contains(Enumerable.Range(0, novel.Length / (T + 1)), k => string.CompareOrdinal(novel, k * (T + 1), window, 0, T + 1) == 0);
        }
    }

    [Fact]
    public void Create_Text_DrawsEveryWindowAtMostOnce()
    {
        var (n, x, labels, _) = All(Create(Text(37, samples: 2000)));

        // Windows of 38 characters are all different in this novel, so equal windows would mean one drawn twice, in
        // both splits perhaps.
        var windows = Enumerable.Range(0, n).Select(i => Window(x, labels, i, 37, TextArchive.Vocabulary));
        Assert.Equal(n, windows.Distinct().Count());
    }

    [Fact]
    public void Shape_Text_IsOneHotOverTheVocabularyWithOneTargetPerSequence()
    {
        var shape = DatasetFactory.Shape(Text(64));

        Assert.Equal((75, 75, true, 64, 1, true, (ImageShape?)null),
            (shape.InputSize, shape.OutputSize, shape.IsClassification, shape.SequenceLength, shape.TargetsPerExample, shape.IsSequence, shape.Image));
    }

    [Fact]
    public void Create_TextSameSeed_DrawsTheSameWindowsAndAnotherSeedOthers()
    {
        var (a, b, c) = (Create(Text(20), 5), Create(Text(20), 5), Create(Text(20), 6));

        Assert.True(BitwiseEqual(a.Train.Features, b.Train.Features));
        Assert.Equal(a.Test.Labels, b.Test.Labels);
        Assert.False(BitwiseEqual(a.Train.Features, c.Train.Features));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Validate_SequenceLengthOutOfRange_NamesSequenceLength(int T) =>
        Assert.Equal("data.sequenceLength", Assert.Single(Errors(Text(T))).Field);

    [Fact]
    public void Validate_TooManyValuesInMemory_NamesSamples()
    {
        var e = Assert.Single(Errors(Text(500, samples: 1000)));

        Assert.Equal("data.samples", e.Field);
        Assert.Contains("1000 examples × 37500 values", e.Message);
    }

    [Fact]
    public void Windows_EveryLengthTheLimitsAllow_HoldsTheMostSamplesTheLimitsAllow()
    {
        // The memory and sample limits, not the novel's length, bound the samples: so Validate need not check windows.
        for (var T = 1; T <= Limits.MaxSequenceLength; T++)
        {
            var allowed = Math.Min(Limits.MaxSamples, Limits.MaxDataElements / ((long)T * TextArchive.Vocabulary.Length));
            Assert.True(allowed <= NextCharacter.Windows(T), $"T = {T}: {allowed} samples allowed, {NextCharacter.Windows(T)} windows");
        }
    }
}
