using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using GradientService.Api.Tests.Infrastructure;
using Npgsql;
using StackExchange.Redis;

namespace GradientService.Api.Tests.Deployment;

/// <summary>
/// Docker cannot run where the tests run, so the Dockerfile and docker-compose.yml are checked by reading them: they name
/// only files that exist, settings the Api binds, the image the file builds and a health path the Api serves, and the
/// scaled profile (docs/deploy.md) has what several Api and worker processes on one PostgreSQL and one Redis need.
/// </summary>
public sealed partial class DeploymentFilesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly Dockerfile Image = Dockerfile.Read(RepositoryFiles.Path("Dockerfile"));
    private static readonly IReadOnlyList<ComposeService> Services = ComposeFile.Read(RepositoryFiles.Path("docker-compose.yml"));

    /// <summary>The services running the Api: built from this repository, or given settings of its options (Section__Key).</summary>
    private static readonly ComposeService[] AppServices =
        [.. Services.Where(s => s.Child("build") is not null || s.Environment().Keys.Any(k => k.Contains("__", StringComparison.Ordinal)))];

    private static readonly ComposeService[] ScaledApps = [.. AppServices.Where(s => s.Profiles.Contains("scaled"))];

    private static string HttpPort => Image.Environment().Single(e => e.Key == "ASPNETCORE_HTTP_PORTS").Value;

    [Fact]
    public void Dockerfile_CopySources_ExistAndAreSentInTheBuildContext()
    {
        var ignored = DockerIgnore.Read(RepositoryFiles.Path(".dockerignore"));
        var sources = Image.ContextCopySources().ToList();

        var missing = sources.Where(s => !File.Exists(RepositoryFiles.Path(s)) && !Directory.Exists(RepositoryFiles.Path(s)));
        var excluded = sources.Where(ignored.Excludes);

        Assert.NotEmpty(sources);
        AssertNone(missing.Select(s => $"{s}: not in the repository").Concat(excluded.Select(s => $"{s}: excluded by .dockerignore")));
    }

    [Fact]
    public void Dockerfile_RestoreStep_CopiesEveryProjectTheApiBuildsFrom()
    {
        var restore = Image.Instructions.ToList().FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        var copiedFirst = Image.Instructions.Take(restore).Where(i => i.Keyword == "COPY").SelectMany(i => i.Words).ToHashSet();

        var projects = ProjectClosure("src/Api/GradientService.Api.csproj");

        Assert.True(restore > 0, "no RUN dotnet restore in the Dockerfile");
        Assert.Equal(4, projects.Count); // Api, Core, Web, Contracts: the walk below found the references
        AssertNone(projects.Where(p => !copiedFirst.Contains(p)).Select(p => $"{p} is not copied before dotnet restore"));
    }

    [Fact]
    public void DeploymentFiles_Settings_BindToTheApisOptions()
    {
        var imageSettings = Image.Environment().ToDictionary();
        var problems = AppServices
            .SelectMany(s => AppSettings.Problems(new Dictionary<string, string>(imageSettings.Concat(s.Environment()).GroupBy(e => e.Key).Select(g => g.Last())))
                .Select(p => $"service {s.Name}: {p}"))
            .Concat(AppSettings.Problems(imageSettings).Select(p => $"Dockerfile ENV: {p}"));

        Assert.Subset(AppSettings.OptionsBySection.Keys.ToHashSet(StringComparer.Ordinal), new HashSet<string> { "Storage", "Workers", "Redis", "Security", "Streaming", "Queries" });
        AssertNone(problems);
    }

    [Fact]
    public void Compose_AppServices_RunTheOneImageTheFileBuilds()
    {
        var builders = Services.Where(s => s.Child("build") is not null).ToList();
        var built = Assert.Single(builders.Select(s => s.Image).Distinct());

        Assert.All(builders, s => Assert.True(s.Scalar("build") is { } context && File.Exists(RepositoryFiles.Path(context, "Dockerfile")), $"{s.Name}: build is not a folder of the repository holding the Dockerfile"));
        Assert.Equal(["api", "gradientservice", "worker"], AppServices.Select(s => s.Name).Order());
        Assert.All(AppServices, s => Assert.True(s.Image == built, $"{s.Name} runs {s.Image}, not the image built here ({built})"));
        Assert.All(AppServices.Where(s => s.Child("build") is null), s => Assert.True(s.Scalar("pull_policy") == "never", $"{s.Name}: the image is built here; pull_policy must be never"));
    }

    [Fact]
    public async Task DeploymentFiles_HealthChecks_AskAPathTheApiServesOnItsPort()
    {
        var checks = AppServices.Where(s => s.HealthCheck is not null).Select(s => (Where: $"service {s.Name}", Command: s.HealthCheck!))
            .Append(("Dockerfile HEALTHCHECK", Image.HealthCheck)).ToList();
        var client = factory.CreateClient();

        foreach (var (where, command) in checks)
        {
            var url = HealthUrl().Match(command);
            Assert.True(url.Success, $"{where}: no http://127.0.0.1:PORT/path in {command}");
            Assert.True(url.Groups["port"].Value == HttpPort, $"{where}: port {url.Groups["port"].Value}, the image serves {HttpPort}");
            var response = await client.GetAsync(url.Groups["path"].Value);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{where}: {url.Groups["path"].Value} answered {(int)response.StatusCode}");
        }
        Assert.True(checks.Count >= 2, "no health check found in the compose file");
    }

    [Fact]
    public void Compose_PublishedPorts_TargetTheImagesHttpPort()
    {
        var ports = AppServices.SelectMany(s => s.Ports.Select(p => (s.Name, Port: p))).ToList();

        Assert.NotEmpty(ports);
        Assert.All(ports, p => Assert.True(p.Port.Split(':')[^1] == HttpPort, $"{p.Name}: {p.Port} does not target the image's port {HttpPort}"));
    }

    [Fact]
    public void Compose_DefaultService_RunsTheEmbeddedStoreWithoutAProfile()
    {
        var unprofiled = Services.Where(s => s.Profiles.Count == 0).ToList();
        var databaseFolder = Path.GetDirectoryName(Image.Environment().Single(e => e.Key == "Storage__DatabasePath").Value);

        var embedded = Assert.Single(unprofiled);
        Assert.Contains(embedded, AppServices);
        Assert.DoesNotContain(embedded.Environment().Keys, k => k.StartsWith("Storage__", StringComparison.Ordinal) || k.StartsWith("Redis__", StringComparison.Ordinal));
        Assert.Contains(embedded.List("volumes"), v => v.Split(':')[1] == databaseFolder);
    }

    [Fact]
    public void Compose_ScaledApps_ShareThePostgresAndRedisTheyWaitFor()
    {
        Assert.NotEmpty(ScaledApps);
        foreach (var app in ScaledApps)
        {
            var settings = app.Environment();
            Assert.True(settings.GetValueOrDefault("Storage__Provider")?.Equals("postgres", StringComparison.OrdinalIgnoreCase) == true, $"{app.Name}: Storage__Provider is not postgres");
            var postgres = new NpgsqlConnectionStringBuilder(settings.GetValueOrDefault("Storage__ConnectionString")).Host;
            var redis = ConfigurationOptions.Parse(settings.GetValueOrDefault("Redis__ConnectionString") ?? "").EndPoints.OfType<DnsEndPoint>().SingleOrDefault()?.Host;
            AssertScaledDependency(app, postgres, "postgres:");
            AssertScaledDependency(app, redis, "redis:");
        }
    }

    [Fact]
    public void Compose_ScaledApi_ServesWithoutTrainingOnAHostPortPerInstance()
    {
        var apis = ScaledApps.Where(s => !TrainsHere(s)).ToList();

        Assert.NotEmpty(apis);
        foreach (var api in apis)
        {
            var instances = int.Parse(api.Scalar("scale") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
            var hostPorts = api.Ports.Sum(p => HostPortCount(p));
            Assert.True(instances >= 2, $"{api.Name}: scale {instances}; the scaled profile runs several Api instances");
            Assert.True(hostPorts >= instances, $"{api.Name}: {instances} instances but {hostPorts} host ports ({string.Join(", ", api.Ports)})");
        }
    }

    [Fact]
    public void Compose_ScaledWorker_TrainsAndScalesWithADistinctIdentityPerReplica()
    {
        var workers = ScaledApps.Where(TrainsHere).ToList();

        Assert.NotEmpty(workers);
        Assert.All(workers, w =>
        {
            Assert.True(w.Ports.Count == 0, $"{w.Name}: a worker publishes no port (--scale would clash on it)");
            Assert.True(w.Child("container_name") is null, $"{w.Name}: container_name forbids --scale");
            Assert.False(w.Environment().ContainsKey("Workers__InstanceId"), $"{w.Name}: one Workers__InstanceId for every replica; leave it to the hostname");
        });
    }

    private static void AssertNone(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, string.Join(Environment.NewLine, list));
    }

    private static bool TrainsHere(ComposeService app) =>
        app.Environment().GetValueOrDefault("Workers__Enabled") is not { } enabled || (bool.TryParse(enabled, out var on) && on);

    private static void AssertScaledDependency(ComposeService app, string? host, string imagePrefix)
    {
        var service = Services.SingleOrDefault(s => s.Name == host);
        Assert.True(service?.Image?.StartsWith(imagePrefix, StringComparison.Ordinal) == true, $"{app.Name}: host {host} is no {imagePrefix} service of the file");
        Assert.True(service!.Profiles.Contains("scaled") && service.HealthCheck is not null, $"{host}: not in the scaled profile with a health check"); // ! : asserted above
        Assert.True(app.DependsOn().GetValueOrDefault(service.Name) == "service_healthy", $"{app.Name} does not wait for {host} to be healthy");
    }

    /// <summary>Host ports a "[ip:]host:container" mapping offers: 1, or the size of a host range "a-b".</summary>
    private static int HostPortCount(string mapping)
    {
        var parts = mapping.Split(':');
        if (parts.Length < 2) return 0;
        var range = parts[^2].Split('-').Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return range.Length == 2 ? range[1] - range[0] + 1 : 1;
    }

    private static HashSet<string> ProjectClosure(string project)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var path))
        {
            if (!found.Add(path)) continue;
            var folder = Path.GetDirectoryName(path)!; // ! : a project path always has a folder here
            foreach (var reference in XDocument.Load(RepositoryFiles.Path(path)).Descendants("ProjectReference"))
                pending.Push(Path.GetRelativePath(RepositoryFiles.Root, Path.GetFullPath(Path.Combine(RepositoryFiles.Root, folder, reference.Attribute("Include")!.Value.Replace('\\', '/')))).Replace('\\', '/')); // ! : Include is required
        }
        return found;
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:(?<port>\d+)(?<path>/[^\s""']*)")]
    private static partial Regex HealthUrl();
}
