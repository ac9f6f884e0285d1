using System.Net;
using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Endpoints;

public sealed class TheoryEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Get_Relu_ReturnsClosedForms()
    {
        var report = await _client.GetFromJsonAsync<TheoryReport>(
            "/api/theory?activation=relu&weightVariance=1.5&biasVariance=0.1&depth=6&width=256&inputSecondMoment=2", Json.Options);

        Assert.NotNull(report);
        Assert.Equal("relu", report.Activation);
        Assert.Equal(0.75, report.Chi, 15);
        Assert.Equal(TheoryPhase.Ordered, report.Phase);
        Assert.Equal(-1 / Math.Log(0.75), report.GradientDepthScale!.Value, 12);
        Assert.Equal(0.1 / (1 - 0.75), report.FixedPointQ!.Value, 9); // q* = σ_b² / (1 − σ_w²/2)
        Assert.Equal(1, report.FixedPointCorrelation);
        Assert.Equal(6, report.Layers.Count);
        Assert.Equal(1.5 * 2 + 0.1, report.Layers[0].Q, 12);
        Assert.Equal(2.5 * Math.Log10(0.75), report.Layers[0].Log10DeltaRatio, 12); // ½ · 5 layers · log₁₀ χ
        Assert.Empty(report.Caveats);
    }

    [Fact]
    public async Task Get_BadParameters_Returns400NamingEach()
    {
        var response = await _client.GetAsync("/api/theory?activation=softplus&weightVariance=0&biasVariance=-1&depth=0&width=100000&inputSecondMoment=-2&leakySlope=3&eluAlpha=-1&batch=0");
        var problem = await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            ["activation", "batch", "biasVariance", "depth", "eluAlpha", "inputSecondMoment", "leakySlope", "weightVariance", "width"],
            problem!.Errors!.Keys.Order());
    }

    [Fact]
    public async Task Get_Batch_ExpectsTheTopLayersWeightGradientToGainFromPairsOfExamples()
    {
        const string Relu = "/api/theory?activation=relu&weightVariance=2&depth=20&width=512";
        var one = await _client.GetFromJsonAsync<TheoryReport>(Relu, Json.Options);
        var batch = await _client.GetFromJsonAsync<TheoryReport>(Relu + "&batch=64", Json.Options);

        Assert.Equal((1, 64), (one!.Batch, batch!.Batch));
        Assert.InRange(one.Layers[0].ExpectedLog10WeightGradRatio!.Value, -0.05, 0.05);
        Assert.InRange(batch.Layers[0].ExpectedLog10WeightGradRatio!.Value, -0.8, -0.2);
        Assert.Equal(one.Layers[0].Log10DeltaRatio, batch.Layers[0].Log10DeltaRatio);
    }

    [Fact]
    public async Task GetPhase_Relu_CriticalLineAtTwoAndTrainableDepthInClosedForm()
    {
        var diagram = await _client.GetFromJsonAsync<PhaseDiagram>(
            "/api/theory/phase?activation=relu&depth=30&weightVarianceMin=1&weightVarianceMax=3&biasVarianceMin=0&biasVarianceMax=0.2&points=3", Json.Options);

        Assert.Equal([1.0, 2.0, 3.0], diagram!.GridWeightVariances);
        Assert.Equal(3, diagram.CriticalLine.Count);
        Assert.All(diagram.CriticalLine, p => Assert.Equal(2.0, p.WeightVariance, 1e-6));
        Assert.Equal(6 / -Math.Log(0.5), diagram.TrainableDepth[0][2]!.Value, 9);
        Assert.Null(diagram.TrainableDepth[1][0]); // χ₁ = 1 exactly: ξ_c diverges
        Assert.Equal(30, diagram.Depth);
    }

    [Fact]
    public async Task GetPhase_BadParameters_Returns400NamingEach()
    {
        var response = await _client.GetAsync("/api/theory/phase?activation=softplus&depth=0&weightVarianceMin=0&weightVarianceMax=-1&biasVarianceMin=-1&biasVarianceMax=1&points=1000");
        var problem = await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["activation", "biasVarianceMin", "depth", "points", "weightVarianceMax", "weightVarianceMin"], problem!.Errors!.Keys.Order());
    }
}
