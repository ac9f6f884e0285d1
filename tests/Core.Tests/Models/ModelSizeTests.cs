using GradientService.Contracts.Schema;
using GradientService.Contracts.Spec;
using GradientService.Core.Models;
using GradientService.Core.Tests.Spec;
using GradientService.Core.Data;

namespace GradientService.Core.Tests.Models;

public class ModelSizeTests
{
    [Theory]
    [InlineData(Normalization.None, 35)]
    [InlineData(Normalization.LayerNorm, 49)]
    [InlineData(Normalization.BatchNorm, 49)]
    public void Parameters_Mlp_CountsWeightsBiasesAndNormalisation(Normalization norm, long expected)
    {
        // 2 → 3 → 4 → 2: (2·3 + 3) + (3·4 + 4) + (4·2 + 2) = 35; γ and β add 2·(3 + 4) = 14.
        var model = new MlpSpec { Widths = [3, 4], Normalization = norm };

        Assert.Equal(expected, SizeParameters(model, SpecCases.Moons));
    }

    [Theory]
    [InlineData(Architecture.Rnn, 49)]
    [InlineData(Architecture.Gru, 139)]
    [InlineData(Architecture.Lstm, 184)]
    public void Parameters_Recurrent_MatchesPyTorchModules(Architecture architecture, long expected)
    {
        // Two layers, input 2, H = 3, C = 1 (adding): Σ_k G·H·(in_k + H) + 2GH, + H·C + C. rnn: (15 + 6) + (18 + 6) + 4;
        // torch.nn.LSTM(2, 3, num_layers=2) has 180 parameters and nn.Linear(3, 1) has 4.
        var model = SpecSchema.NewModel(architecture) with { Depth = 2, Width = 3 };

        Assert.Equal(expected, SizeParameters(model, SpecCases.Adding));
    }

    [Fact]
    public void ActivationElements_FeedForwardAndRecurrent_FollowTheirFormulas()
    {
        Assert.Equal(32L * (3 + 4), SizeActivationElements(new MlpSpec { Widths = [3, 4] }, SpecCases.Moons, 32));
        Assert.Equal(32L * 50 * 3 * 2, SizeActivationElements(new LstmSpec { Depth = 2, Width = 3 }, SpecCases.Adding, 32));
    }

    [Fact]
    public void Validate_MlpOverParameterLimit_NamesTheModelAndTheCount()
    {
        var spec = new RunSpec { Model = new MlpSpec { Depth = 200, Width = 4096 } };

        var error = Assert.Single(SpecCases.Validate(spec, SpecCases.Moons));

        Assert.Equal("model", error.Field);
        Assert.StartsWith($"has {SizeParameters(spec.Model, SpecCases.Moons)} trainable parameters; at most 20000000", error.Message);
    }

    [Theory]
    [InlineData(2234, false)]
    [InlineData(2235, true)]
    public void Validate_LstmAtTheParameterLimit_IsRejectedOnlyAbove(int hidden, bool rejected)
    {
        // One layer, input 1, one output: 4H(1 + H) + 8H + H + 1 = 19,992,067 at H = 2234 and 20,009,956 at H = 2235.
        var spec = SpecCases.Recurrent(Architecture.Lstm) with { Model = new LstmSpec { Depth = 1, Width = hidden } };
        var shape = SpecCases.Adding with { InputSize = 1 };

        Assert.Equal(rejected ? ["model"] : [], SpecCases.Fields(SpecCases.Validate(spec, shape)));
    }

    [Fact]
    public void Validate_ActivationMemoryOverLimit_NamesTheBatchSize()
    {
        // 200 layers × 256 units has 13.2 M parameters (allowed) but 4096 × 51,200 = 209.7 M activation elements.
        var spec = new RunSpec
        {
            Model = new MlpSpec { Depth = 200, Width = 256 },
            Data = new DataSpec { Samples = 10_000 },
            Training = new TrainingSpec { BatchSize = 4096 },
        };

        var error = Assert.Single(SpecCases.Validate(spec, SpecCases.Moons));

        Assert.Equal("training.batchSize", error.Field);
        Assert.StartsWith("keeps 209715200 activation elements", error.Message);
    }

    [Theory]
    [InlineData(2000, true)]
    [InlineData(100, false)]
    public void Validate_EvaluationChunkOverActivationLimit_NamesTheModel(int samples, bool rejected)
    {
        // Batch 1, but the trainer sizes buffers for min(256, test examples) rows: 2000 samples hold out 400, so
        // 256 × T 1000 × H 100 × 10 layers = 256 M elements; 100 samples hold out 20 (20 M elements).
        var spec = SpecCases.Recurrent(Architecture.Rnn) with
        {
            Model = new RnnSpec { Depth = 10, Width = 100 },
            Data = new DataSpec { Kind = DatasetKind.Adding, Samples = samples },
            Training = new TrainingSpec { Loss = LossKind.Mse, BatchSize = 1 },
        };

        var errors = SpecCases.Validate(spec, SpecCases.Adding with { SequenceLength = 1000 });

        Assert.Equal(rejected ? ["model"] : [], SpecCases.Fields(errors));
        if (rejected) Assert.Contains("with 256 rows for an evaluation chunk", errors[0].Message);
    }

    private static long SizeParameters(ModelSpec model, DataShape shape) => Architectures.Of(model).Parameters(model, shape);

    private static long SizeActivationElements(ModelSpec model, DataShape shape, int rows) => Architectures.Of(model).ActivationElements(model, shape, rows);
}
