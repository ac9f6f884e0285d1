using GradientService.Core.Tensors;

namespace GradientService.Core.Layers;

/// <summary>
/// Affine layer z = x·Wᵀ + b with W [out, in], b [out], x [B, in], z [B, out] (PyTorch's nn.Linear).
/// Backward: ∂L/∂W = δᵀ·x, ∂L/∂b = Σ_rows δ, ∂L/∂x = δ·W, with δ = ∂L/∂z.
/// </summary>
public sealed class DenseLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public DenseLayer(string name, int group, int inputs, int outputs) : this($"{name}.weight", $"{name}.bias", group, inputs, outputs)
    {
    }

    /// <summary>A layer whose tensors PyTorch names otherwise (nn.MultiheadAttention's in_proj_weight, in_proj_bias).</summary>
    public DenseLayer(string weightName, string biasName, int group, int inputs, int outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
        Weight = new Parameter<T>(weightName, group, outputs, inputs) { Role = ParameterRole.Weight };
        Bias = new Parameter<T>(biasName, group, outputs) { Role = ParameterRole.Bias };
    }

    public int Inputs { get; }
    public int Outputs { get; }
    public Parameter<T> Weight { get; }
    public Parameter<T> Bias { get; }

    public MatrixView<T> W => new(Weight.Value, 0, Outputs, Inputs);

    /// <summary>z = x·Wᵀ + b (or z += x·Wᵀ when <paramref name="accumulate"/>, with b added once more).</summary>
    public void Forward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> z, bool accumulate = false)
    {
        Product(mm, x, z, accumulate);
        AddBias(z);
    }

    /// <summary>z = x·Wᵀ (or z += x·Wᵀ), without b.</summary>
    public void Product(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> z, bool accumulate = false) => mm.Multiply(x, false, W, true, z, accumulate);

    /// <summary>z += b on every row of <paramref name="z"/> (any rows of the batch: the rows are independent).</summary>
    public void AddBias(MatrixView<T> z)
    {
        var b = Bias.Value.AsSpan();
        for (var i = 0; i < z.Rows; i++) System.Numerics.Tensors.TensorPrimitives.Add(z.Row(i), b, z.Row(i));
    }

    /// <summary>
    /// Writes (or with <paramref name="accumulateGrad"/> adds to) ∂L/∂W and ∂L/∂b from δ, and, when <paramref name="dx"/>
    /// is given, ∂L/∂x = δ·W (added to dx when <paramref name="accumulateDx"/>).
    /// </summary>
    public void Backward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> delta, MatrixView<T>? dx, bool accumulateDx, bool accumulateGrad = false)
    {
        ParameterGradients(mm, x, delta, accumulateGrad);
        if (dx is { } target) InputGradient(mm, delta, target, accumulateDx);
    }

    /// <summary>∂L/∂W = δᵀ·x and ∂L/∂b = Σ_rows δ (added to the gradients when <paramref name="accumulate"/>).</summary>
    public void ParameterGradients(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> delta, bool accumulate = false)
    {
        WeightGradient(mm, x, delta, accumulate);
        BiasGradient(delta, 0, Outputs, accumulate);
    }

    /// <summary>∂L/∂W = δᵀ·x (added to the gradient when <paramref name="accumulate"/>).</summary>
    public void WeightGradient(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> delta, bool accumulate = false) =>
        mm.Multiply(delta, true, x, false, new MatrixView<T>(Weight.Grad, 0, Outputs, Inputs), accumulate);

    /// <summary>
    /// ∂L/∂b = Σ_rows δ for the outputs [<paramref name="from"/>, <paramref name="to"/>): each output sums the rows in order,
    /// so a cut of the outputs into parts gives the same bits.
    /// </summary>
    public void BiasGradient(MatrixView<T> delta, int from, int to, bool accumulate = false)
    {
        var db = Bias.Grad.AsSpan(from, to - from);
        if (!accumulate) db.Clear();
        for (var i = 0; i < delta.Rows; i++) System.Numerics.Tensors.TensorPrimitives.Add(db, delta.Row(i)[from..to], db);
    }

    /// <summary>∂L/∂x = δ·W (added to <paramref name="dx"/> when <paramref name="accumulate"/>).</summary>
    public void InputGradient(MatrixProduct<T> mm, MatrixView<T> delta, MatrixView<T> dx, bool accumulate) =>
        mm.Multiply(delta, false, W, false, dx, accumulate);
}
