using GradientService.Core.Init;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;
using MathNet.Numerics.LinearAlgebra;

namespace GradientService.Core.Recurrent;

internal sealed partial class RecurrentNet<T>
{
    /// <summary>
    /// Each gate's [H, in] block of W_ih and [H, H] block of W_hh is initialised as its own matrix (so orthogonal and
    /// identity init apply per gate); W_hh blocks use the recurrent scheme and are rescaled to the target spectral
    /// radius or σ_max. Biases are the constant (or drawn around it, σ_b² &gt; 0), except lstm's forget gate, whose b_ih block is the forget bias.
    /// </summary>
    public void Initialize(InitSpec init, Rng rng)
    {
        foreach (var layer in _layers)
        {
            var h = layer.Hidden;
            for (var g = 0; g < layer.Gates; g++)
                WeightInit.Fill<T>(layer.InputWeight.Value.AsSpan(g * h * layer.Inputs, h * layer.Inputs), h, layer.Inputs, init.Scheme, init, rng);
            for (var g = 0; g < layer.Gates; g++)
            {
                var block = layer.RecurrentWeight.Value.AsSpan(g * h * h, h * h);
                WeightInit.Fill<T>(block, h, h, init.RecurrentScheme ?? init.Scheme, init, rng);
                Rescale(block, h, init);
            }
            WeightInit.FillBias<T>(layer.InputBias.Value, init, rng);
            WeightInit.FillBias<T>(layer.RecurrentBias.Value, init, rng);
            if (layer.Cell == Architecture.Lstm)
            {
                // PyTorch's gate order i, f, g, o: rows [H, 2H) are the forget gate.
                layer.InputBias.Value.AsSpan(h, h).Fill(T.CreateTruncating(((LstmSpec)_model).ForgetBias));
                layer.RecurrentBias.Value.AsSpan(h, h).Clear();
            }
        }
        WeightInit.Fill<T>(_head.Weight.Value, _head.Outputs, _head.Inputs, init.Scheme, init, rng);
        WeightInit.FillBias<T>(_head.Bias.Value, init, rng);
    }

    /// <summary>Scales a square block to the spectral radius max|λ| (eigenvalues) or the largest singular value asked for.</summary>
    private static void Rescale(Span<T> block, int n, InitSpec init)
    {
        if (init.SpectralRadius is null && init.MaxSingularValue is null) return;
        var copy = block.ToArray();
        var m = Matrix<double>.Build.Dense(n, n, (i, j) => double.CreateTruncating(copy[i * n + j]));
        double current, target;
        if (init.SpectralRadius is double radius)
        {
            current = m.Evd().EigenValues.Max(e => e.Magnitude);
            target = radius;
        }
        else
        {
            current = m.Svd(computeVectors: false).S.Maximum();
            target = init.MaxSingularValue!.Value; // Checked just above: one of the two targets is set.
        }
        if (current == 0) return;
        var scale = T.CreateTruncating(target / current);
        for (var i = 0; i < block.Length; i++) block[i] *= scale;
    }
}
