using GradientService.Core.Export;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Training;

public class ExportTests
{
    [Theory]
    [InlineData(Architecture.Mlp)]
    [InlineData(Architecture.ResidualMlp)]
    [InlineData(Architecture.Gru)]
    public void ExportImport_RoundTrip_IsExact(Architecture architecture)
    {
        var spec = architecture == Architecture.Gru ? TestSpecs.Lstm() with { Model = new GruSpec { Depth = 2, Width = 8 } }
            : architecture == Architecture.ResidualMlp ? TestSpecs.ResidualBatchNorm() : TestSpecs.Mlp();
        var trained = Trainer.Create(spec);
        StepLog.Train(trained);
        var exported = Export(trained);

        var other = Trainer.Create(spec with { Training = spec.Training with { Seed = 999 } });
        other.ImportWeights(new MemoryStream(exported));

        var expected = SafeTensorsFile.Read(new MemoryStream(exported));
        var actual = SafeTensorsFile.Read(new MemoryStream(Export(other)));
        Assert.Equal(expected.Entries.Select(e => e.Name), actual.Entries.Select(e => e.Name));
        Assert.All(expected.Entries, e => Assert.Equal(expected.Bytes(e.Name).ToArray(), actual.Bytes(e.Name).ToArray()));
    }

    [Fact]
    public void Export_Mlp_UsesPyTorchLinearNamesAndLayout()
    {
        var trainer = Trainer.Create(TestSpecs.ResidualBatchNorm());
        var file = SafeTensorsFile.Read(new MemoryStream(Export(trainer)));

        Assert.Equal([12L, 2L], file.Entry("layers.0.weight").Shape);
        Assert.Equal([12L], file.Entry("layers.0.bias").Shape);
        Assert.Equal([2L, 12L], file.Entry("layers.5.weight").Shape);
        Assert.Equal([12L], file.Entry("norms.0.running_var").Shape);
        Assert.Equal(SafeTensorsDtype.I64, file.Entry("norms.4.num_batches_tracked").Dtype);
        Assert.False(file.Contains("norms.5.weight"));
    }

    [Fact]
    public void Export_Lstm_UsesPyTorchRecurrentNames()
    {
        var trainer = Trainer.Create(TestSpecs.Lstm());
        var file = SafeTensorsFile.Read(new MemoryStream(Export(trainer)));

        Assert.Equal([32L, 1L * 2], file.Entry("rnn.weight_ih_l0").Shape);
        Assert.Equal([32L, 8L], file.Entry("rnn.weight_hh_l1").Shape);
        Assert.Equal([32L], file.Entry("rnn.bias_hh_l1").Shape);
        Assert.Equal([1L, 8L], file.Entry("head.weight").Shape);
        // Forget-gate block of b_ih starts at the forget bias (default 1).
        Assert.All(file.ReadAs<float>("rnn.bias_ih_l0")[8..16], b => Assert.Equal(1f, b));
    }

    [Fact]
    public void Import_WrongShape_IsRejectedNamingTheTensor()
    {
        var small = Export(Trainer.Create(TestSpecs.Mlp()));
        var wider = Trainer.Create(TestSpecs.Mlp() with { Model = TestSpecs.Mlp().Model with { Width = 17 } });

        var error = Assert.ThrowsAny<Exception>(() => wider.ImportWeights(new MemoryStream(small)));
        Assert.Contains("layers.0.weight", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Export(Trainer trainer)
    {
        using var stream = new MemoryStream();
        trainer.ExportWeights(stream);
        return stream.ToArray();
    }
}
