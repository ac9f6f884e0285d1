using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using GradientService.Core.Tests.Probes;
using GradientService.Core.Theory;
using GradientService.Core.Training;
using Xunit.Abstractions;

namespace GradientService.Core.Tests.Theory;

/// <summary>
/// What the theory expects the probes to read at initialisation — log₁₀(‖δ_1‖/‖δ_D‖) and log₁₀(‖∂L/∂W_1‖/‖∂L/∂W_D‖) over a
/// batch of 64 at width 512, depth 20 — beside the engine's measurement (mean over 20 seeds), and the engine's beside libtorch's.
/// </summary>
public class TheoryAgainstMeasurementTests(ITestOutputHelper output)
{
    private const int Depth = 20;
    private const int Width = 512;
    /// <summary>As many seeds as the oracle's 20: the gelu/he-normal cell scatters by 0.25 decades per seed.</summary>
    private const int Seeds = 20;
    private const double Decades = 0.3;

    /// <summary>
    /// libtorch's mean log₁₀(‖δ_1‖/‖δ_D‖) over 20 seeds, from ../shared/oracle/results/profile-w512.md (the oracle;
    /// its kaiming_normal is the product's he-normal). Its weight-gradient ratios are not compared: its labels are uniform
    /// at random, the teacher's are not, and the label balance moves ‖∂L/∂W_D‖ (see <see cref="BatchProfile"/>).
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
    public void Profiles_Width512Depth20_ExpectationMeasurementAndLibtorchAgree(ActivationKind activation, InitScheme init, double libtorch)
    {
        var spec = Spec(activation, init, seed: 0);
        var (query, _) = SpecTheory.For(spec, DatasetFactory.Create(spec.Data, new Rng(1)));
        var report = MeanField.Analyze(query);
        var (delta, weight) = (report.Layers[0].ExpectedLog10DeltaRatio, report.Layers[0].ExpectedLog10WeightGradRatio!.Value);
        var spread = report.Caveats.FirstOrDefault(c => c.Code == "finite-width-sensitive");

        var deltas = new double[Seeds];
        var weights = new double[Seeds];
        for (var seed = 0; seed < Seeds; seed++)
        {
            var layers = GradientProfileTests.FirstStep(Spec(activation, init, (ulong)seed)).Layers;
            deltas[seed] = Math.Log10(layers[0].PreactivationGradNorm / layers[Depth - 1].PreactivationGradNorm);
            weights[seed] = Math.Log10(layers[0].WeightGradNorm / layers[Depth - 1].WeightGradNorm);
        }
        var (measured, sd) = (deltas.Average(), Sd(deltas));

        output.WriteLine($"{activation} {init}: ‖δ‖ expected {delta:F2} (one example at infinite width {report.Layers[0].Log10DeltaRatio:F2}), "
            + $"measured {measured:F2} ± {sd:F2}, libtorch {libtorch:F2}; ‖∂L/∂W‖ expected {weight:F2}, measured {weights.Average():F2} ± {Sd(weights):F2}");
        Assert.InRange(measured - libtorch, -Decades, Decades);
        Assert.InRange(measured - delta, -Decades, Decades);
        Assert.InRange(weights.Average() - weight, -Decades, Decades);
        // gelu/he-normal: q's map is near marginal at q ≈ 2 and χ falls from ≈ 1 to 0.5 as q collapses, so where it
        // collapses varies with the seed (libtorch: sd 0.28 decades, every other cell ≤ 0.04); the report says so.
        if (spread is null) Assert.True(sd < 0.1, $"seed-to-seed sd {sd:F2} decades where the theory predicts little");
        else Assert.True(sd > 0.1, $"the theory flags a width-sensitive profile, but seeds scatter by only {sd:F2} decades");
    }

    private static double Sd(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(x => (x - mean) * (x - mean)) / (values.Length - 1));
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
