using GradientService.Contracts.Schema;
using GradientService.Core.Losses;
using GradientService.Core.Recurrent;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;
using GradientService.Core.Tests.Layers;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Recurrent;

public class RecurrentGradientTests
{
    private const double Tolerance = 1e-6;
    private const int Inputs = 3, Classes = 3, Batch = 4, Steps = 6;

    [Theory]
    [InlineData(Architecture.Rnn, ActivationKind.Tanh, 1, OutputMode.Last)]
    [InlineData(Architecture.Rnn, ActivationKind.Sigmoid, 2, OutputMode.Every)]
    [InlineData(Architecture.Rnn, ActivationKind.Relu, 1, OutputMode.Every)]
    [InlineData(Architecture.Lstm, ActivationKind.Tanh, 1, OutputMode.Last)]
    [InlineData(Architecture.Lstm, ActivationKind.Tanh, 2, OutputMode.Every)]
    [InlineData(Architecture.Gru, ActivationKind.Tanh, 1, OutputMode.Last)]
    [InlineData(Architecture.Gru, ActivationKind.Tanh, 2, OutputMode.Every)]
    public void Gradients_EveryCell_MatchFiniteDifferences(Architecture cell, ActivationKind activation, int layers, OutputMode output)
    {
        var model = (RecurrentSpec)SpecSchema.NewModel(cell) with { Depth = layers, Width = 4, Activation = activation, Output = output };
        var rng = new Rng(7);
        var net = new RecurrentNet<double>(model, Inputs, Classes, Steps, Batch, new MatrixProduct<double>());
        GradientCheck.Randomize(net, rng, 0.6);
        var input = GradientCheck.RandomMatrix(Batch, Steps * Inputs, rng);
        var predictions = output == OutputMode.Every ? Batch * Steps : Batch;
        var labels = Enumerable.Range(0, predictions).Select(i => (i * 7 + 1) % Classes).ToArray();

        var (tensor, error) = GradientCheck.WorstRelativeError(net, Loss<double>.Create(LossKind.CrossEntropy), input, labels, []);

        Assert.True(error < Tolerance, $"{tensor}: relative error {error:E2} ≥ {Tolerance:E0}");
    }
}
