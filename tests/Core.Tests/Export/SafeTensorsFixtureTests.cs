using System.Text.Json;
using GradientService.Core.Export;

namespace GradientService.Core.Tests.Export;

public class SafeTensorsFixtureTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    [Fact]
    public void Read_OracleWeightsFile_HasTheExpectedTensors()
    {
        using var stream = File.OpenRead(Path.Combine(Fixtures, "mlp-relu-mse.safetensors"));

        var file = SafeTensorsFile.Read(stream);

        (string Name, long[] Shape)[] expected =
        [
            ("layers.0.weight", [12, 6]), ("layers.0.bias", [12]), ("layers.1.weight", [12, 12]), ("layers.1.bias", [12]),
            ("layers.2.weight", [3, 12]), ("layers.2.bias", [3]), ("input", [4, 6]), ("target", [4, 3]),
        ];
        Assert.Equal(expected.Select(e => e.Name), file.Entries.Select(e => e.Name));
        Assert.All(expected, e => Assert.Equal(e.Shape, file.Entry(e.Name).Shape));
        Assert.All(file.Entries, e => Assert.Equal(SafeTensorsDtype.F32, e.Dtype));
        Assert.Equal(72, file.ReadAs<double>("layers.0.weight").Length);
    }

    [Fact]
    public void Read_OracleGradientsFile_NormsMatchTheOraclesAnswer()
    {
        using var stream = File.OpenRead(Path.Combine(Fixtures, "mlp-relu-mse.grads.safetensors"));
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, "mlp-relu-mse.expected.json")));

        var file = SafeTensorsFile.Read(stream);

        var norms = expected.RootElement.GetProperty("grad_norms").EnumerateObject().ToList();
        Assert.Equal(6, norms.Count);
        foreach (var norm in norms)
        {
            var values = file.ReadAs<double>(norm.Name);
            var actual = Math.Sqrt(values.Sum(v => v * v));
            Assert.Equal(norm.Value.GetDouble(), actual, norm.Value.GetDouble() * 1e-12);
        }
    }
}
