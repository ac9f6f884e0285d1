using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using GradientService.Core.Losses;
using GradientService.Core.Tensors;
using GradientService.Core.Tests.Layers;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Convolution;

/// <summary>Every cnn layer kind against central finite differences (float64, 1e-6 relative to the tensor's largest entry).</summary>
public class CnnGradientTests
{
    private const double Tolerance = 1e-6;
    private const int Batch = 5, Classes = 3;
    private static readonly ImageShape Image = new(2, 7, 7);

    [Theory]
    [InlineData("conv stride and padding", """[{"type":"conv2d","out_channels":3,"kernel_size":3,"stride":2,"padding":1},{"type":"tanh"},{"type":"conv2d","out_channels":4,"kernel_size":2,"padding":0,"bias":false},{"type":"flatten"},{"type":"linear","out_features":3}]""")]
    [InlineData("batch norm", """[{"type":"conv2d","out_channels":3,"kernel_size":3,"padding":1},{"type":"batchnorm2d"},{"type":"gelu"},{"type":"conv2d","out_channels":2,"kernel_size":1},{"type":"batchnorm2d","affine":false},{"type":"global_avgpool"},{"type":"linear","out_features":3}]""")]
    [InlineData("max pool with padding", """[{"type":"conv2d","out_channels":3,"kernel_size":3,"padding":1},{"type":"maxpool2d","kernel_size":3,"stride":2,"padding":1},{"type":"silu"},{"type":"flatten"},{"type":"linear","out_features":3}]""")]
    [InlineData("avg pool with padding", """[{"type":"conv2d","out_channels":3,"kernel_size":3,"padding":1},{"type":"avgpool2d","kernel_size":3,"stride":2,"padding":1},{"type":"elu","alpha":0.7},{"type":"avgpool2d","kernel_size":2},{"type":"flatten"},{"type":"linear","out_features":4},{"type":"sigmoid"},{"type":"linear","out_features":3}]""")]
    [InlineData("global pool", """[{"type":"conv2d","out_channels":4,"kernel_size":5,"stride":1,"padding":2},{"type":"leaky_relu","negative_slope":0.2},{"type":"global_avgpool"},{"type":"linear","out_features":3,"bias":false}]""")]
    [InlineData("residual identity", """[{"type":"residual","out_channels":2,"activation":"tanh"},{"type":"residual","out_channels":2,"kernel_size":1,"activation":"gelu"},{"type":"global_avgpool"},{"type":"linear","out_features":3}]""")]
    [InlineData("residual projection", """[{"type":"conv2d","out_channels":3,"kernel_size":3,"padding":1,"bias":false},{"type":"residual","out_channels":4,"stride":2,"activation":"silu","bias":true},{"type":"global_avgpool"},{"type":"linear","out_features":3}]""")]
    [InlineData("residual without batch norm", """[{"type":"residual","out_channels":3,"stride":2,"activation":"tanh","bias":true,"batch_norm":false},{"type":"residual","out_channels":3,"activation":"identity","batch_norm":false},{"type":"flatten"},{"type":"linear","out_features":3}]""")]
    public void Gradients_LayerKind_MatchFiniteDifferences(string kind, string layers)
    {
        var rng = new Rng(7);
        var net = CnnTestNets.Build(layers, Image, Classes, Batch, new MatrixProduct<double>());
        GradientCheck.Randomize(net, rng);
        var input = GradientCheck.RandomMatrix(Batch, Image.Features, rng);
        var labels = Enumerable.Range(0, Batch).Select(i => i % Classes).ToArray();
        var (tensor, error) = GradientCheck.WorstRelativeError(net, Loss<double>.Create(LossKind.CrossEntropy), input, labels, []);
        Assert.True(error < Tolerance, $"{kind}: {tensor} off by {error:E2}");
    }
}
