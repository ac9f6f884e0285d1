using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using GradientService.Core.Export;
using GradientService.Core.Training;
using MathNet.Numerics.LinearAlgebra;
using MathVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace GradientService.Core.Reproductions;

/// <summary>
/// Glorot &amp; Bengio 2010, §4.2.2: the singular values of the Jacobian J_i = ∂h_{i+1}/∂h_i = diag(φ′(z_{i+1}))·W_{i+1}
/// between consecutive hidden layers of an mlp at initialisation, averaged over the singular values, the layer pairs and
/// the first <see cref="Examples"/> training examples. The weights are the run's own (exported, as PyTorch would read them).
/// </summary>
public static class JacobianSingularValues
{
    /// <summary>Training examples the Jacobians are taken at (one: 4 layer pairs × 1,000 singular values already pin the mean to ±0.01).</summary>
    public const int Examples = 1;

    /// <summary>Mean singular value of J_i over i = 1 … D − 1, for a tanh or sigmoid mlp spec (biases included).</summary>
    public static double MeanAtInit(RunSpec spec)
    {
        var activation = spec.Model.Activation;
        using var trainer = Trainer.Create(spec);
        using var weights = new MemoryStream();
        trainer.ExportWeights(weights);
        var file = SafeTensorsFile.Parse(weights.ToArray());
        var layers = trainer.Model.Layers.Count;
        var data = DatasetFactory.Create(spec.Data, Trainer.DataRng(spec)).Train;
        var inputs = data.Features.Length / data.Count;
        double sum = 0;
        var count = 0;
        for (var e = 0; e < Examples; e++)
        {
            var h = MathVector.Build.DenseOfArray(data.Features.AsSpan(e * inputs, inputs).ToArray());
            for (var l = 0; l < layers - 1; l++)
            {
                var w = Matrix(file, $"layers.{l}.weight");
                var z = w * h + MathVector.Build.DenseOfArray(ToDouble(file, $"layers.{l}.bias"));
                h = z.Map(x => Phi(activation, x));
                if (l == 0) continue;
                var slope = z.Map(x => Slope(activation, x));
                var jacobian = Matrix<double>.Build.DiagonalOfDiagonalVector(slope) * w;
                var singular = jacobian.Svd(computeVectors: false).S;
                sum += singular.Sum();
                count += singular.Count;
            }
        }
        return sum / count;
    }

    private static Matrix<double> Matrix(SafeTensorsFile file, string name)
    {
        var entry = file.Entry(name);
        return Matrix<double>.Build.DenseOfRowMajor((int)entry.Shape[0], (int)entry.Shape[1], ToDouble(file, name));
    }

    private static double[] ToDouble(SafeTensorsFile file, string name) => file.ReadAs<double>(name);

    private static double Phi(ActivationKind kind, double z) => kind == ActivationKind.Sigmoid ? 1 / (1 + Math.Exp(-z)) : Math.Tanh(z);

    private static double Slope(ActivationKind kind, double z)
    {
        var a = Phi(kind, z);
        return kind == ActivationKind.Sigmoid ? a * (1 - a) : 1 - a * a;
    }
}
