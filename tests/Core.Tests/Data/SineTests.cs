using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using static GradientService.Core.Tests.Data.DataSpecs;

namespace GradientService.Core.Tests.Data;

public class SineTests
{
    [Fact]
    public void Create_Sine_NoiseZero_TargetIsSineOfInputInRange()
    {
        var (n, x, _, y) = All(Create(new DataSpec { Kind = DatasetKind.Sine, Samples = 1000, Noise = 0 }));

        for (var i = 0; i < n; i++)
        {
            Assert.InRange(x[i], -Math.PI, Math.PI);
            Assert.Equal(Math.Sin(x[i]), y[i], 1e-15);
        }
        Assert.True(x.Min() < -3 && x.Max() > 3, "x should cover [−π, π]");
    }

    [Fact]
    public void Create_Sine_Noise_ResidualStdIsNoise()
    {
        var (n, x, _, y) = All(Create(new DataSpec { Kind = DatasetKind.Sine, Samples = 20_000, Noise = 0.2 }));

        var residual = Enumerable.Range(0, n).Select(i => y[i] - Math.Sin(x[i])).ToArray();
        Assert.InRange(Math.Sqrt(residual.Average(r => r * r)), 0.196, 0.204);
    }
}
