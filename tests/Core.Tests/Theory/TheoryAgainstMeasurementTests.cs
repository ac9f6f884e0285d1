using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using GradientService.Core.Tests.Probes;
using GradientService.Core.Theory;
using GradientService.Core.Training;
using Xunit.Abstractions;

namespace GradientService.Core.Tests.Theory;

/// <summary>
/// Mean-field theory's log₁₀(‖δ_1‖/‖δ_D‖) beside the engine's measurement at initialisation, and the engine's beside
/// libtorch's, for width-512, depth-20 nets (batch 64) over 20 seeds.
/// </summary>
public class TheoryAgainstMeasurementTests(ITestOutputHelper output)
{
    private const int Depth = 20;
    private const int Width = 512;
    /// <summary>As many seeds as the oracle's 20: the gelu/he-normal cell scatters by 0.25 decades per seed.</summary>
    private const int Seeds = 20;
    private const double Decades = 0.3;

    /// <summary>
    /// libtorch's mean log₁₀(‖δ_1‖/‖δ_D‖) over 20 seeds, from /work/shared/oracle/results/profile-w512.md (the oracle;
    /// its kaiming_normal is the product's he-normal).
    /// </summary>
    public static TheoryData<ActivationKind, InitScheme, double> Cells => new()
    {
        { ActivationKind.Sigmoid, InitScheme.Standard, -16.16 },
        { ActivationKind.Sigmoid, InitScheme.XavierNormal, -11.97 },
        { ActivationKind.Sigmoid, InitScheme.HeNormal, -9.54 },
        { ActivationKind.Tanh, InitScheme.Standard, -4.66 },
        { ActivationKind.Tanh, InitScheme.XavierNormal, -0.72 },
        { ActivationKind.Tanh, InitScheme.HeNormal, +0.23 },
        { ActivationKind.Relu, InitScheme.Standard, -7.39 },
        { ActivationKind.Relu, InitScheme.XavierNormal, -2.88 },
        { ActivationKind.Relu, InitScheme.HeNormal, -0.01 },
        { ActivationKind.Gelu, InitScheme.Standard, -10.15 },
        { ActivationKind.Gelu, InitScheme.XavierNormal, -5.40 },
        { ActivationKind.Gelu, InitScheme.HeNormal, -0.77 },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void DeltaProfile_Width512Depth20_PredictionMeasurementAndLibtorchAgree(ActivationKind activation, InitScheme init, double libtorch)
    {
        var spec = Spec(activation, init, seed: 0);
        var data = DatasetFactory.Create(spec.Data, new Rng(1));
        var q0 = SpecTheory.InputSecondMoment(data);
        var (query, _) = SpecTheory.For(spec, data.InputSize, q0);
        var report = MeanField.Analyze(query);
        var predicted = report.Layers[0].Log10DeltaRatio;
        var spread = report.Caveats.FirstOrDefault(c => c.Code == "finite-width-sensitive");

        var perSeed = new double[Seeds];
        for (var seed = 0; seed < Seeds; seed++)
        {
            var layers = GradientProfileTests.FirstStep(Spec(activation, init, (ulong)seed)).Layers;
            perSeed[seed] = Math.Log10(layers[0].PreactivationGradNorm / layers[Depth - 1].PreactivationGradNorm);
        }
        var measured = perSeed.Average();
        var sd = Math.Sqrt(perSeed.Sum(x => (x - measured) * (x - measured)) / (Seeds - 1));

        output.WriteLine($"{activation} {init}: predicted {predicted:F2}, measured {measured:F2} ± {sd:F2}, libtorch {libtorch:F2}; {spread?.Message}");
        Assert.InRange(measured - libtorch, -Decades, Decades);
        if (spread is null)
        {
            Assert.InRange(measured - predicted, -Decades, Decades);
            Assert.True(sd < 0.1, $"seed-to-seed sd {sd:F2} decades where the theory predicts little");
        }
        else
        {
            // gelu/he-normal: q's map is near marginal at q ≈ 2 and χ falls from ≈ 1 to 0.5 as q collapses, so where it
            // collapses varies with the seed (libtorch: sd 0.28 decades, every other cell ≤ 0.04). The theory says so
            // instead of drawing a line the measurement cannot follow, and the seeds must scatter as it says.
            Assert.True(sd > 0.1, $"the theory flags a width-sensitive profile, but seeds scatter by only {sd:F2} decades");
        }
    }

    private static RunSpec Spec(ActivationKind activation, InitScheme init, ulong seed) => new()
    {
        Model = new MlpSpec { Depth = Depth, Width = Width, Activation = activation },
        Init = new InitSpec { Scheme = init },
        // x ~ N(0, I) and arg-max labels over 10 classes, as the oracle's randn inputs and cross-entropy (q₀ = 1; the
        // teacher only labels the inputs, so its size does not matter).
        Data = new DataSpec { Kind = DatasetKind.Teacher, Dimensions = Width, Classes = 10, Samples = 640, TeacherDepth = 1, TeacherWidth = 16 },
        Training = new TrainingSpec { BatchSize = 64, Steps = 1, EvalEvery = 0, Seed = seed, Precision = Precision.Float32 },
    };
}
