using System.Numerics.Tensors;
using GradientService.Contracts.Spec;
using GradientService.Core.Activations;
using GradientService.Core.Layers;
using GradientService.Core.Tensors;

namespace GradientService.Core.Training.Methods.Pretraining;

/// <summary>
/// A hidden layer as the encoder of an autoencoder (Bengio, Lamblin, Popovici &amp; Larochelle 2007, §2.2): code
/// h = φ(x·Wᵀ + b) [B, out], reconstruction x̂ = ψ(h·W_dᵀ + c) [B, in] with W_d = Wᵀ (tied) or a matrix [in, out] of its
/// own (untied, starting as Wᵀ), loss L = Σ(x̂ − x)² / (B·in). Backward: δ_x̂ = 2(x̂ − x)/(B·in) ⊙ ψ′, ∂L/∂c = Σ_rows δ_x̂,
/// ∂L/∂h = δ_x̂·W_d, δ_h = ∂L/∂h ⊙ φ′, ∂L/∂W = δ_hᵀ·x (+ hᵀ·δ_x̂ when tied), ∂L/∂b = Σ_rows δ_h, ∂L/∂W_d = δ_x̂ᵀ·h (untied).
/// </summary>
internal sealed class AutoencoderPretrainer<T> : LayerPretrainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Activation<T> _encoder, _decoder;
    private readonly Parameter<T> _c;
    private readonly Parameter<T>? _untied;
    private readonly T[] _zHat, _xHat, _gHat, _deltaHat, _gH, _deltaH;

    private AutoencoderPretrainer(FeedForwardLayer<T> layer, int index, Parameter<T> c, Parameter<T>? untied, Activation<T> encoder,
        ActivationKind decoder, int capacity, OptimizerSpec optimizer)
        : base(layer, index, untied is null ? [c] : [untied, c], optimizer)
    {
        (_c, _untied, _encoder, _decoder) = (c, untied, encoder, new Activation<T>(decoder));
        var (inputs, outputs) = (layer.Dense.Inputs, layer.Dense.Outputs);
        (_zHat, _xHat, _gHat, _deltaHat) = (new T[capacity * inputs], new T[capacity * inputs], new T[capacity * inputs], new T[capacity * inputs]);
        (_gH, _deltaH) = (new T[capacity * outputs], new T[capacity * outputs]);
    }

    /// <summary>The autoencoder of 0-based layer <paramref name="index"/>; an untied decoder starts as the layer's Wᵀ.</summary>
    public static AutoencoderPretrainer<T> Create(FeedForwardLayer<T> layer, int index, bool tied, Activation<T> encoder,
        ActivationKind decoder, int capacity, OptimizerSpec optimizer)
    {
        var dense = layer.Dense;
        Parameter<T>? untied = null;
        if (!tied)
        {
            untied = new Parameter<T>($"pretraining.layers.{index}.decoder.weight", index, dense.Inputs, dense.Outputs) { Role = ParameterRole.Weight };
            for (var o = 0; o < dense.Outputs; o++)
                for (var i = 0; i < dense.Inputs; i++) untied.Value[i * dense.Outputs + o] = dense.Weight.Value[o * dense.Inputs + i];
        }
        return new AutoencoderPretrainer<T>(layer, index, VisibleBias(index, dense.Inputs), untied, encoder, decoder, capacity, optimizer);
    }

    public override double Gradients(MatrixProduct<T> mm, MatrixView<T> x)
    {
        var (rows, inputs, outputs) = (x.Rows, x.Cols, Layer.Dense.Outputs);
        var dense = Layer.Dense;
        var h = Layer.H(rows);
        var zHat = View(_zHat, rows, inputs);
        var xHat = View(_xHat, rows, inputs);
        var gHat = View(_gHat, rows, inputs);
        var deltaHat = View(_deltaHat, rows, inputs);
        var gH = View(_gH, rows, outputs);
        var deltaH = View(_deltaH, rows, outputs);

        // Decode: ẑ = h·W_dᵀ + c, x̂ = ψ(ẑ).
        if (_untied is null) mm.Multiply(h, false, dense.W, false, zHat);
        else mm.Multiply(h, false, UntiedView, true, zHat);
        AddToRows(zHat, _c.Value);
        _decoder.Forward(zHat.Span, xHat.Span);
        var mse = MeanSquaredError(xHat, x, gHat);

        // Back through the decoder: ∂L/∂x̂ = 2(x̂ − x)/(B·in), δ_x̂ = ∂L/∂x̂ ⊙ ψ′(ẑ), ∂L/∂c, ∂L/∂h = δ_x̂·W_d.
        TensorPrimitives.Multiply(gHat.Span, T.CreateTruncating(2.0 / x.Length), gHat.Span);
        _decoder.Backward(zHat.Span, xHat.Span, gHat.Span, deltaHat.Span);
        SumRows(deltaHat, _c.Grad);
        if (_untied is null) mm.Multiply(deltaHat, false, dense.W, true, gH);
        else mm.Multiply(deltaHat, false, UntiedView, false, gH);

        // Back through the encoder: δ_h = ∂L/∂h ⊙ φ′(z), ∂L/∂W = δ_hᵀ·x, ∂L/∂b = Σδ_h; then the decoder's share of W.
        var saturated = _encoder.Backward(Layer.U(rows).Span, Layer.A(rows).Span, gH.Span, deltaH.Span);
        dense.ParameterGradients(mm, x, deltaH);
        if (_untied is null) mm.Multiply(h, true, deltaHat, false, new MatrixView<T>(dense.Weight.Grad, 0, outputs, inputs), accumulate: true);
        else mm.Multiply(deltaHat, true, h, false, new MatrixView<T>(_untied.Grad, 0, inputs, outputs));

        DeltaNorm = Math.Sqrt(Reductions.SumOfSquares<T>(deltaH.Span));
        Saturation = (double)saturated / deltaH.Length;
        return mse;
    }

    private MatrixView<T> UntiedView => new(_untied!.Value, 0, Layer.Dense.Inputs, Layer.Dense.Outputs); // only read when untied

    private static MatrixView<T> View(T[] data, int rows, int cols) => new(data, 0, rows, cols);
}
