using GradientService.Contracts.Spec;
using GradientService.Core.Init;
using GradientService.Core.Layers;
using GradientService.Core.Tensors;
using GradientService.Core.Training;

namespace GradientService.Core.Convolution;

/// <summary>nn.Linear on a flat input: the feedforward nets' <see cref="DenseLayer{T}"/> (z = x·Wᵀ + b, W [out, in]).</summary>
internal sealed class Linear<T> : CnnModule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly DenseLayer<T> _dense;
    private readonly bool _bias;

    public Linear(string name, int group, FeatureMap input, FeatureMap output, bool bias) : base(input, output)
    {
        _dense = new DenseLayer<T>(name, group, input.Size, output.Size);
        _bias = bias;
        Parameters = bias ? [_dense.Weight, _dense.Bias] : [_dense.Weight];
    }

    public override IReadOnlyList<Parameter<T>> Parameters { get; }

    public override void Initialize(InitSpec init, Rng rng)
    {
        WeightInit.Fill<T>(_dense.Weight.Value, _dense.Outputs, _dense.Inputs, init.Scheme, init, rng);
        if (_bias) WeightInit.FillBias<T>(_dense.Bias.Value, init, rng);
        else _dense.Bias.Value.AsSpan().Clear();
    }

    public override void Forward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> y, bool training) => _dense.Forward(mm, x, y);

    public override void Backward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> y, MatrixView<T> dy, MatrixView<T>? dx)
    {
        _dense.ParameterGradients(mm, x, dy);
        if (dx is { } target) _dense.InputGradient(mm, dy, target, accumulate: false);
    }
}
