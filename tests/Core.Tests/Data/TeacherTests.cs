using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using static GradientService.Core.Tests.Data.DataSpecs;

namespace GradientService.Core.Tests.Data;

public class TeacherTests
{
    private static DataSpec Spec(bool regression, double noise) => new()
    {
        Kind = DatasetKind.Teacher, Samples = 2000, Dimensions = 6, Classes = 4, TeacherDepth = 3, TeacherWidth = 16,
        Regression = regression, Noise = noise,
    };

    [Fact]
    public void Create_Teacher_ClassIsArgMaxOfTheRegressionOutputs()
    {
        // Both variants draw the same weights, inputs and noise in the same order, so the classifier's label must be the
        // arg-max of the regression targets example by example.
        var (n, _, labels, _) = All(Create(Spec(regression: false, noise: 0.05)));
        var (_, _, _, y) = All(Create(Spec(regression: true, noise: 0.05)));

        for (var i = 0; i < n; i++)
        {
            var outputs = y[(i * 4)..(i * 4 + 4)];
            Assert.Equal(Array.IndexOf(outputs, outputs.Max()), labels[i]);
        }
        Assert.True(ClassCounts(labels, 4).All(c => c > 0), "a 4-output random teacher should use every class");
    }

    [Fact]
    public void Create_Teacher_InputsAreStandardNormal()
    {
        var (_, x, _, _) = All(Create(Spec(regression: true, noise: 0)));

        Assert.InRange(x.Average(), -0.03, 0.03);
        Assert.InRange(x.Average(v => v * v), 0.96, 1.04);
    }

    [Fact]
    public void Create_Teacher_Noise_AddsGaussianOfThatStdToTheOutputs()
    {
        // The generator draws the noise whatever its size, so the same seed gives the same inputs and teacher, and the
        // targets differ by exactly Noise·ε.
        var clean = All(Create(Spec(regression: true, noise: 0)));
        var noisy = All(Create(Spec(regression: true, noise: 0.5)));

        Assert.True(BitwiseEqual(clean.Features, noisy.Features));
        var diff = clean.Targets.Zip(noisy.Targets, (a, b) => b - a).ToArray();
        Assert.InRange(diff.Average(), -0.03, 0.03);
        Assert.InRange(Math.Sqrt(diff.Average(d => d * d)), 0.485, 0.515);
    }
}
