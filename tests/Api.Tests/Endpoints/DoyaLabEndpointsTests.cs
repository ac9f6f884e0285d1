using System.Net;
using System.Net.Http.Json;
using System.Text;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Labs;

namespace GradientService.Api.Tests.Endpoints;

public sealed class DoyaLabEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task GetFixedPoints_W6_ThreeBranchesWithTheMiddleUnstableBetweenTheSaddleNodes()
    {
        var diagram = await _client.GetFromJsonAsync<BifurcationDiagram>("/api/labs/doya/fixed-points?w=6&bMin=-6&bMax=0&points=61", Json.Options);

        Assert.Equal([FixedPointBranch.Lower, FixedPointBranch.Middle, FixedPointBranch.Upper], diagram!.Branches.Select(b => b.Branch));
        Assert.Equal([true, false, true], diagram.Branches.Select(b => b.Stable));
        Assert.Equal(2, diagram.SaddleNodes.Count);
        Assert.Equal(-3.41509, diagram.BistableFrom!.Value, 1e-5);
        Assert.Equal(-2.58491, diagram.BistableTo!.Value, 1e-5);
        var lower = diagram.Branches[0];
        Assert.All(lower.B.Zip(lower.X), p => Assert.Equal(p.First, Math.Log(p.Second / (1 - p.Second)) - 6 * p.Second, 1e-9));
    }

    [Fact]
    public async Task GetFixedPoints_BadParameters_Returns400NamingEach()
    {
        var response = await _client.GetAsync("/api/labs/doya/fixed-points?w=-2&bMin=-100&bMax=NaN&points=1");
        var problem = await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["bMax", "bMin", "points", "w"], problem!.Errors!.Keys.Order());
    }

    [Fact]
    public async Task PostTrain_Defaults_TraceSpikesAtTheCrossing()
    {
        var response = await _client.PostAsync("/api/labs/doya/train", new StringContent("{}", Encoding.UTF8, "application/json"));
        var trace = await response.Content.ReadFromJsonAsync<BiasTrainingTrace>(Json.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(60, trace!.Iterations.Count);
        Assert.Equal(-8, trace.Iterations[0].B);
        Assert.Contains(trace.PeakIteration, trace.Crossings);
        Assert.True(Math.Abs(trace.Iterations[trace.PeakIteration].Gradient) > 1e3 * Math.Abs(trace.Iterations[0].Gradient));
    }

    [Fact]
    public async Task PostTrain_BadFields_Returns400NamingEach()
    {
        var body = """{"w": 40, "b0": 0, "x0": 2, "target": 0.5, "steps": 5000, "dt": 0, "learningRate": -1, "iterations": 0, "clip": -3}""";

        var response = await _client.PostAsync("/api/labs/doya/train", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["clip", "dt", "iterations", "learningRate", "steps", "w", "x0"], problem!.Errors!.Keys.Order());
    }

    [Fact]
    public async Task PostTrain_MalformedBody_Returns400()
    {
        var response = await _client.PostAsync("/api/labs/doya/train", new StringContent("""{"w": "six"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
