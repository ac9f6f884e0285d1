using GradientService.Contracts.Schema;
using GradientService.Core.Losses;
using GradientService.Core.Probes;
using GradientService.Core.Recurrent;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;
using GradientService.Core.Tests.Layers;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Recurrent;

/// <summary>
/// Truncated BPTT to the last k steps is the exact gradient of the loss with the state entering those k steps held
/// constant: check it against central differences on the last k steps run from that (detached) state.
/// </summary>
public class TruncatedBpttTests
{
    private const int Inputs = 3, Classes = 3, Batch = 4, Steps = 9, Truncation = 4;

    [Theory]
    [InlineData(Architecture.Rnn)]
    [InlineData(Architecture.Lstm)]
    [InlineData(Architecture.Gru)]
    public void TruncatedGradient_StackedLastStep_MatchesFiniteDifferencesOfDetachedSuffix(Architecture cell)
    {
        var model = (RecurrentSpec)SpecSchema.NewModel(cell) with { Depth = 2, Width = 4, Activation = ActivationKind.Tanh, BpttLength = Truncation };
        var rng = new Rng(3);
        var full = Net(model, Steps);
        GradientCheck.Randomize(full, rng, 0.6);
        var input = GradientCheck.RandomMatrix(Batch, Steps * Inputs, rng);
        var labels = Enumerable.Range(0, Batch).Select(i => i % Classes).ToArray();
        var loss = Loss<double>.Create(LossKind.CrossEntropy);

        var record = new StepRecord(3, 2, full.Info.Gates, Steps);
        loss.Compute(full.Forward(input, true, record), labels, [], full.LogitsGradient(Batch));
        full.Backward(input, record);

        var suffix = Net(model with { BpttLength = null }, Truncation);
        Copy(full, suffix);
        for (var k = 0; k < 2; k++)
        {
            var boundary = Steps - Truncation - 1;
            RecurrentLayer<double>.At(full.Layers[k].Output, boundary, Batch, 4).Span.CopyTo(suffix.Layers[k].InitialHidden);
            if (cell == Architecture.Lstm)
                RecurrentLayer<double>.At(full.Layers[k].Cell2, boundary, Batch, 4).Span.CopyTo(suffix.Layers[k].InitialCell);
            suffix.Layers[k].HasInitialState = true;
        }
        var tail = new Matrix<double>(Batch, Truncation * Inputs);
        for (var b = 0; b < Batch; b++) input.Row(b)[((Steps - Truncation) * Inputs)..].CopyTo(tail.Row(b));
        var numeric = GradientCheck.Numeric(suffix, loss, tail, labels, []);

        for (var p = 0; p < full.Parameters.Count; p++)
        {
            var analytic = full.Parameters[p].Grad;
            var scale = Math.Max(analytic.Max(Math.Abs), 1e-3);
            var worst = analytic.Zip(numeric[p], (a, n) => Math.Abs(a - n)).Max();
            Assert.True(worst / scale < 1e-6, $"{full.Parameters[p].Name}: relative error {worst / scale:E2}");
        }
    }

    [Fact]
    public void TruncatedGradient_DiffersFromFullGradient()
    {
        var model = new RnnSpec { Depth = 1, Width = 4, Activation = ActivationKind.Tanh };
        var rng = new Rng(3);
        var full = Net(model, Steps);
        var truncated = Net(model with { BpttLength = Truncation }, Steps);
        GradientCheck.Randomize(full, rng, 0.6);
        Copy(full, truncated);
        var input = GradientCheck.RandomMatrix(Batch, Steps * Inputs, rng);
        var labels = Enumerable.Range(0, Batch).Select(i => i % Classes).ToArray();
        var loss = Loss<double>.Create(LossKind.CrossEntropy);
        foreach (var net in new[] { full, truncated })
        {
            loss.Compute(net.Forward(input, true, null), labels, [], net.LogitsGradient(Batch));
            net.Backward(input, new StepRecord(2, 1, 1, Steps));
        }

        Assert.NotEqual(full.Parameters[0].Grad, truncated.Parameters[0].Grad);
        Assert.Equal(full.Parameters[^1].Grad, truncated.Parameters[^1].Grad); // the read-out sees no recurrence
    }

    private static RecurrentNet<double> Net(RecurrentSpec model, int steps) =>
        new(model, Inputs, Classes, steps, Batch, new MatrixProduct<double>());

    private static void Copy(RecurrentNet<double> from, RecurrentNet<double> to)
    {
        for (var p = 0; p < from.Parameters.Count; p++) from.Parameters[p].Value.CopyTo(to.Parameters[p].Value, 0);
    }
}
