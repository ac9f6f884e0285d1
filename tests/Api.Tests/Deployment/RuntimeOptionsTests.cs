using System.Xml.Linq;
using GradientService.Api.Tests.Infrastructure;

namespace GradientService.Api.Tests.Deployment;

/// <summary>
/// The runtime settings the service's project gives its process (runtimeconfig.json) hold in the telemetry benchmark too,
/// which hosts the service in its own process: the benchmark measures the service as it runs.
/// </summary>
public sealed class RuntimeOptionsTests
{
    [Fact]
    public void RuntimeHostOptions_ServiceAndBenchmark_SameAndIdleWorkersDoNotSpin()
    {
        var service = Options("src/Api/GradientService.Api.csproj");
        var bench = Options("bench/GradientService.Bench/GradientService.Bench.csproj");

        Assert.Equal("0", service.GetValueOrDefault("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"));
        Assert.Equal(service, bench);
    }

    private static Dictionary<string, string> Options(string project) => XDocument.Load(RepositoryFiles.Path(project))
        .Descendants("RuntimeHostConfigurationOption")
        .ToDictionary(o => (string)o.Attribute("Include")!, o => (string)o.Attribute("Value")!);
}
