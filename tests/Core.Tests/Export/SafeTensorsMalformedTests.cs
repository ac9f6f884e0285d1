using System.Buffers.Binary;
using System.Text;
using GradientService.Core.Export;

namespace GradientService.Core.Tests.Export;

public class SafeTensorsMalformedTests
{
    private const string F32Pair = """{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""";

    public static TheoryData<string, byte[], string> Cases => new()
    {
        { "shorter than the length prefix", [1, 2, 3, 4], "starts with an 8-byte header length" },
        { "header length over the limit", Prefix(100_000_001), "exceeds the format's limit of 100000000 bytes" },
        { "header length past the end", [.. Prefix(64), .. "{}"u8], "runs past the end of the file (10 bytes)" },
        { "header not UTF-8", File([(byte)'{', 0xC3, 0x28, (byte)'}'], 0), "header is not valid UTF-8" },
        { "header not an object", File("[]", 0), "header does not start with '{'" },
        { "header not JSON", File("{\"w\":", 0), "header is not valid JSON" },
        { "duplicate key", File("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8), "duplicate key 'w' in header" },
        { "metadata not an object", File("""{"__metadata__":[]}""", 0), "__metadata__ is not an object" },
        { "metadata value not a string", File("""{"__metadata__":{"step":3}}""", 0), "__metadata__.step is not a string" },
        { "entry not an object", File("""{"w":3}""", 0), "'w': entry is not an object" },
        { "unexpected field", File("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"order":"C"}}""", 8), "'w': unexpected field 'order'" },
        { "missing dtype", File("""{"w":{"shape":[2],"data_offsets":[0,8]}}""", 8), "'w': missing string field 'dtype'" },
        { "unknown dtype", File("""{"w":{"dtype":"F8","shape":[2],"data_offsets":[0,2]}}""", 2), "'w': unsupported dtype 'F8'" },
        { "missing shape", File("""{"w":{"dtype":"F32","data_offsets":[0,8]}}""", 8), "'w': missing array field 'shape'" },
        { "negative dimension", File("""{"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", 8), "shape entries must be non-negative integers; got -2" },
        { "fractional dimension", File("""{"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,8]}}""", 8), "shape entries must be non-negative integers; got 1.5" },
        { "overflowing shape", File("""{"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}}""", 8), "overflows a 64-bit element count" },
        { "one offset", File("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0]}}""", 8), "'data_offsets' must be [begin, end]" },
        { "offsets past the data", File("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,16]}}""", 8), "data_offsets [0, 16] are outside the 8-byte data section" },
        { "offsets reversed", File("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}""", 8), "data_offsets [8, 0] are outside" },
        { "byte count not dtype × shape", File("""{"w":{"dtype":"F64","shape":[2],"data_offsets":[0,8]}}""", 8), "F64 [2] needs 16 bytes but data_offsets span 8" },
        { "gap between tensors", File("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}""", 12), "gap in the data section before 'b' (bytes 4..8" },
        { "overlapping tensors", File("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8), "tensor 'b' overlaps the tensor before it" },
        { "trailing bytes", File(F32Pair, 12), "data section is 12 bytes but the tensors cover 8" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_Malformed_IsRejectedNamingTheProblem(string problem, byte[] bytes, string message)
    {
        var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Parse(bytes));

        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{problem}: got \"{error.Message}\"");
    }

    [Fact]
    public void Parse_WellFormedControl_IsAccepted()
    {
        var file = SafeTensorsFile.Parse(File(F32Pair, 8));

        Assert.Equal([0f, 0f], file.ReadAs<float>("w"));
    }

    [Fact]
    public void Entry_MissingTensor_IsRejectedNamingIt()
    {
        var file = SafeTensorsFile.Parse(File(F32Pair, 8));

        var error = Assert.Throws<SafeTensorsFormatException>(() => file.Entry("layers.0.weight"));

        Assert.Equal("tensor 'layers.0.weight' is missing", error.Message);
    }

    [Fact]
    public void ReadInto_WrongLength_IsRejected()
    {
        var file = SafeTensorsFile.Parse(File(F32Pair, 8));

        var error = Assert.Throws<SafeTensorsFormatException>(() => file.ReadInto<float>("w", new float[3]));

        Assert.Equal("'w' has 2 elements ([2]); expected 3", error.Message);
    }

    private static byte[] Prefix(ulong headerLength)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, headerLength);
        return bytes;
    }

    private static byte[] File(string header, int dataBytes) => File(Encoding.UTF8.GetBytes(header), dataBytes);

    private static byte[] File(byte[] header, int dataBytes) => [.. Prefix((ulong)header.Length), .. header, .. new byte[dataBytes]];
}
