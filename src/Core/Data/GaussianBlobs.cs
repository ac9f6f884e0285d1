using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Data;

/// <summary>
/// Isotropic Gaussian clusters, as scikit-learn's make_blobs: <see cref="DataSpec.Classes"/> centres drawn uniformly in
/// [−10, 10]^d (make_blobs' default center_box), d = <see cref="DataSpec.Dimensions"/>; example i belongs to class
/// i mod k and is its centre plus N(0, σ²I) with σ = Noise·<see cref="StdPerNoise"/>, so the default Noise 0.1 gives
/// make_blobs' default cluster_std 1. Input d, k classes, balanced to within one example.
/// </summary>
internal static class GaussianBlobs
{
    /// <summary>Half-width of the box the centres are drawn from (make_blobs' center_box = (−10, 10)).</summary>
    public const double CentreBox = 10;

    /// <summary>Cluster std per unit of Noise.</summary>
    public const double StdPerNoise = 10;

    public static DataShape Shape(DataSpec data) => new(data.Dimensions, data.Classes, true, 1, 1, false);

    public static void Validate(DataSpec data, ICollection<SpecError> errors)
    {
        var dimsOk = FieldCheck.Int(errors, "data.dimensions", data.Dimensions, 1, Limits.MaxInputFeatures);
        FieldCheck.Int(errors, "data.classes", data.Classes, 2, Limits.MaxClasses);
        FieldCheck.Samples(errors, data.Samples, dimsOk ? data.Dimensions : 1);
        FieldCheck.Noise(errors, data.Noise);
    }

    public static Dataset.Split Generate(DataSpec data, Rng rng)
    {
        var (n, d, k) = (data.Samples, data.Dimensions, data.Classes);
        var centres = new double[k * d];
        for (var i = 0; i < centres.Length; i++) centres[i] = CentreBox * (2 * rng.NextDouble() - 1);
        var σ = data.Noise * StdPerNoise;
        var x = new double[n * d];
        var labels = new int[n];
        for (var row = 0; row < n; row++)
        {
            var c = row % k;
            labels[row] = c;
            for (var j = 0; j < d; j++) x[row * d + j] = centres[c * d + j] + σ * rng.NextGaussian();
        }
        return new Dataset.Split(n, x, labels, []);
    }
}
