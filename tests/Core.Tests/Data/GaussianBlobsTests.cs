using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using static GradientService.Core.Tests.Data.DataSpecs;

namespace GradientService.Core.Tests.Data;

public class GaussianBlobsTests
{
    [Fact]
    public void Create_Blobs_ClassesBalancedWithinOne()
    {
        var (_, _, labels, _) = All(Create(new DataSpec { Kind = DatasetKind.GaussianBlobs, Samples = 1001, Classes = 4 }));

        Assert.Equal([251, 250, 250, 250], ClassCounts(labels, 4));
    }

    [Fact]
    public void Create_Blobs_NoiseZero_EachClassSitsOnOneCentreInTheBox()
    {
        var spec = new DataSpec { Kind = DatasetKind.GaussianBlobs, Samples = 300, Classes = 3, Dimensions = 5, Noise = 0 };
        var (n, x, labels, _) = All(Create(spec));

        var centres = new Dictionary<int, double[]>();
        for (var i = 0; i < n; i++)
        {
            var point = x[(i * 5)..(i * 5 + 5)];
            Assert.All(point, v => Assert.InRange(v, -10, 10));
            if (!centres.TryAdd(labels[i], point)) Assert.Equal(centres[labels[i]], point);
        }
        Assert.Equal(3, centres.Values.Select(c => c[0]).Distinct().Count());
    }

    [Fact]
    public void Create_Blobs_ClusterStdIsTenTimesNoise()
    {
        var spec = new DataSpec { Kind = DatasetKind.GaussianBlobs, Samples = 20_000, Classes = 2, Dimensions = 2, Noise = 0.05 };
        var (n, x, labels, _) = All(Create(spec));

        // Pooled within-class std of every coordinate: σ = Noise · 10 = 0.5.
        var sum = new double[4];
        var sumSq = new double[4];
        var count = new int[4];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < 2; j++)
            {
                var k = labels[i] * 2 + j;
                sum[k] += x[2 * i + j];
                sumSq[k] += x[2 * i + j] * x[2 * i + j];
                count[k]++;
            }
        for (var k = 0; k < 4; k++)
            Assert.InRange(Math.Sqrt(sumSq[k] / count[k] - Math.Pow(sum[k] / count[k], 2)), 0.485, 0.515);
    }
}
