using GradientService.Core.Export;

namespace GradientService.Core.Tests.Export;

public class SafeTensorsRoundTripTests
{
    private static readonly float[] Floats =
        [1.5f, -0f, float.Epsilon, float.MaxValue, float.NegativeInfinity, BitConverter.Int32BitsToSingle(0x7FC0_1234), 0.1f, -3e-39f];

    private static readonly double[] Doubles = [0.1, -0.0, double.Epsilon, double.MinValue, double.PositiveInfinity, BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_BEEF)];

    private static readonly long[] Longs = [long.MinValue, -1, 0, long.MaxValue];

    [Fact]
    public void WriteThenRead_F32F64I64WithMetadata_IsBitwiseIdentical()
    {
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["step"] = "42", ["note"] = "ünïcode \"quoted\"" };

        var file = RoundTrip(
            [SafeTensor.Of<float>("layers.0.weight", Floats, 2, 4), SafeTensor.Of<double>("layers.0.bias", Doubles, 6), SafeTensor.Of<long>("optim.step", Longs, 4)],
            metadata);

        Assert.Equal(["layers.0.weight", "layers.0.bias", "optim.step"], file.Entries.Select(e => e.Name));
        Assert.Equal([SafeTensorsDtype.F32, SafeTensorsDtype.F64, SafeTensorsDtype.I64], file.Entries.Select(e => e.Dtype));
        Assert.Equal([2L, 4L], file.Entry("layers.0.weight").Shape);
        Assert.Equal(Floats.Select(BitConverter.SingleToInt32Bits), file.ReadAs<float>("layers.0.weight").Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(Doubles.Select(BitConverter.DoubleToInt64Bits), file.ReadAs<double>("layers.0.bias").Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(Longs, file.ReadAs<long>("optim.step"));
        Assert.Equal(metadata, file.Metadata);
    }

    [Fact]
    public void Write_Header_IsPaddedToEightBytesAndTensorsFollowInOrder()
    {
        using var stream = new MemoryStream();
        SafeTensorsWriter.Write(stream, [SafeTensor.Of<int>("b", new[] { 7 }, 1), SafeTensor.Of<int>("a", new[] { 1, 2 }, 2)]);

        var bytes = stream.ToArray();
        var headerLength = BitConverter.ToInt64(bytes, 0);
        Assert.Equal(0, headerLength % 8);
        Assert.Equal(8 + headerLength + 12, bytes.Length);
        Assert.Equal([7, 1, 2], new[] { 0, 4, 8 }.Select(o => BitConverter.ToInt32(bytes, (int)(8 + headerLength) + o)));
    }

    [Fact]
    public void WriteThenRead_ScalarAndEmptyTensors_KeepTheirShapes()
    {
        var file = RoundTrip([SafeTensor.Of<double>("scalar", new[] { 2.5 }), SafeTensor.Of<float>("empty", Array.Empty<float>(), 0, 3)], null);

        Assert.Empty(file.Entry("scalar").Shape);
        Assert.Equal(2.5, Assert.Single(file.ReadAs<double>("scalar")));
        Assert.Equal([0L, 3L], file.Entry("empty").Shape);
        Assert.Empty(file.ReadAs<float>("empty"));
    }

    [Fact]
    public void Read_NonSeekableStream_ParsesTheSameFile()
    {
        using var stream = new MemoryStream();
        SafeTensorsWriter.Write(stream, [SafeTensor.Of<float>("w", Floats, 8)]);

        var file = SafeTensorsFile.Read(new ForwardOnlyStream(stream.ToArray()));

        Assert.Equal(Floats.Select(BitConverter.SingleToInt32Bits), file.ReadAs<float>("w").Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void ReadAs_F32AsDouble_WidensExactly()
    {
        var file = RoundTrip([SafeTensor.Of<float>("w", new[] { 0.1f, -2.75f }, 2)], null);

        Assert.Equal([(double)0.1f, -2.75], file.ReadAs<double>("w"));
    }

    [Fact]
    public void ReadAs_F64AsFloat_RoundsToNearest()
    {
        var file = RoundTrip([SafeTensor.Of<double>("w", new[] { 0.1, 1e300 }, 2)], null);

        Assert.Equal([0.1f, float.PositiveInfinity], file.ReadAs<float>("w"));
    }

    [Fact]
    public void ReadAs_IntegralFloatsAsLong_ConvertsAndFractionsAreRejected()
    {
        var file = RoundTrip([SafeTensor.Of<float>("labels", new[] { 0f, 2f, 1f }, 3), SafeTensor.Of<float>("half", new[] { 0.5f }, 1)], null);

        Assert.Equal([0L, 2L, 1L], file.ReadAs<long>("labels"));
        var error = Assert.Throws<SafeTensorsFormatException>(() => file.ReadAs<int>("half"));
        Assert.Contains("element 0 (0.5) is not an integer", error.Message);
    }

    [Fact]
    public void ReadAs_I64AsDouble_Converts()
    {
        var file = RoundTrip([SafeTensor.Of<long>("n", new[] { -3L, 1L << 40 }, 2)], null);

        Assert.Equal([-3.0, 1099511627776.0], file.ReadAs<double>("n"));
    }

    [Fact]
    public void Write_DuplicateName_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            SafeTensorsWriter.Write(Stream.Null, [SafeTensor.Of<float>("w", new[] { 1f }, 1), SafeTensor.Of<float>("w", new[] { 2f }, 1)]));

        Assert.Contains("'w' appears twice", error.Message);
    }

    [Fact]
    public void Of_ShapeNotMatchingData_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => SafeTensor.Of<float>("w", new float[5], 2, 3));

        Assert.Contains("holds 6 elements but the data has 5", error.Message);
    }

    private static SafeTensorsFile RoundTrip(SafeTensor[] tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var stream = new MemoryStream();
        SafeTensorsWriter.Write(stream, tensors, metadata);
        stream.Position = 0;
        return SafeTensorsFile.Read(stream);
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
