using GradientService.Contracts.Spec;
using GradientService.Core.Activations;
using GradientService.Core.Init;
using GradientService.Core.Layers;
using GradientService.Core.Tensors;
using GradientService.Core.Training;
using GradientService.Core.Training.Methods.Pretraining;

namespace GradientService.Core.Tests.Training.Pretraining;

/// <summary>The autoencoder phase's gradients against central finite differences of its reconstruction error (float64).</summary>
public class AutoencoderGradientTests
{
    private const int Inputs = 3, Batch = 4;
    private const double Step = 1e-6, Tolerance = 1e-6;

    public static TheoryData<int, bool, ActivationKind, ActivationKind> Cases => new()
    {
        { 0, true, ActivationKind.Sigmoid, ActivationKind.Identity },
        { 0, false, ActivationKind.Sigmoid, ActivationKind.Sigmoid },
        { 1, true, ActivationKind.Tanh, ActivationKind.Tanh },
        { 1, false, ActivationKind.Sigmoid, ActivationKind.Sigmoid },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradients_EveryParameter_MatchCentralDifferences(int layer, bool tied, ActivationKind encoder, ActivationKind decoder)
    {
        var rng = new Rng(3);
        var model = new MlpSpec { Widths = [5, 4], Activation = encoder };
        var mm = new MatrixProduct<double>();
        var net = new FeedForwardNet<double>(model, Inputs, 2, Batch, mm);
        net.Initialize(new InitSpec { Scheme = InitScheme.XavierNormal, BiasVariance = 0.1 }, rng);
        var input = GradientService.Core.Tests.Layers.GradientCheck.RandomMatrix(Batch, Inputs, rng);
        var ae = AutoencoderPretrainer<double>.Create(net.Layer(layer), layer, tied, new Activation<double>(encoder), decoder, Batch,
            new OptimizerSpec());
        for (var i = 0; i < ae.Decoder[^1].Length; i++) ae.Decoder[^1].Value[i] = 0.1 * rng.NextGaussian(); // c ≠ 0
        double Loss()
        {
            net.Forward(input, true, null);
            return ae.Gradients(mm, layer == 0 ? input : net.Layer(layer - 1).H(Batch));
        }

        Loss();
        var analytic = ae.Parameters.Select(p => p.Grad.ToArray()).ToList();
        for (var j = 0; j < ae.Parameters.Count; j++)
        {
            var p = ae.Parameters[j];
            var scale = Math.Max(analytic[j].Max(Math.Abs), 1e-3);
            for (var i = 0; i < p.Length; i++)
            {
                var saved = p.Value[i];
                p.Value[i] = saved + Step;
                var plus = Loss();
                p.Value[i] = saved - Step;
                var minus = Loss();
                p.Value[i] = saved;
                var numeric = (plus - minus) / (2 * Step);
                Assert.True(Math.Abs(numeric - analytic[j][i]) <= Tolerance * scale,
                    $"{p.Name}[{i}]: analytic {analytic[j][i]:R}, numeric {numeric:R}");
            }
        }
    }
}
