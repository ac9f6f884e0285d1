using System.Net;
using GradientService.Contracts.Wire;
using GradientService.Contracts.Spec;
using GradientService.Web.Pages;
using GradientService.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace GradientService.Web.Tests.Pages;

public sealed class NewRunFormTests : DashboardContext
{
    private static readonly PresetInfo Sigmoid = new("deep-sigmoid", "10-layer sigmoid network", "sigmoid-vs-relu", "Vanishing gradients.", "Glorot & Bengio 2010",
        new RunSpec { Name = "Deep sigmoid", Model = new MlpSpec { Depth = 10, Activation = ActivationKind.Sigmoid } });

    public NewRunFormTests() => Http.OnJson(HttpMethod.Get, "api/presets", new[] { Sigmoid });

    private static object Problem(Dictionary<string, string[]> errors) => new
    {
        type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        title = $"The spec has {errors.Count} invalid fields",
        status = 400,
        errors,
    };

    [Fact]
    public void Submit_ApiAnswers400_ShowsEachMessageNextToItsField()
    {
        Http.On(HttpMethod.Post, "api/runs", _ => StubHttp.Json(Problem(new()
        {
            ["model.depth"] = ["Must be between 1 and 200; got 0."],
            ["training.steps"] = ["Must be between 1 and 1000000."],
        }), HttpStatusCode.BadRequest, "application/problem+json"));
        var page = Render<NewRun>();

        page.Find("[data-testid=spec-form]").Submit();

        page.WaitForAssertion(() => Assert.Equal("Must be between 1 and 200; got 0.", page.Find("[data-field='model.depth'] [data-testid=field-error]").TextContent));
        Assert.Equal("Must be between 1 and 1000000.", page.Find("[data-field='training.steps'] [data-testid=field-error]").TextContent);
        Assert.Contains("invalid", page.Find("[data-field='model.depth']").ClassList);
        Assert.Empty(page.FindAll("[data-field='model.width'] [data-testid=field-error]"));
    }

    [Fact]
    public void Submit_ApiAnswers401_SaysWhereToEnterTheApiKey()
    {
        Http.On(HttpMethod.Post, "api/runs", _ => StubHttp.Json(new { title = "API key required", status = 401 }, HttpStatusCode.Unauthorized, "application/problem+json"));
        var page = Render<NewRun>();

        page.Find("[data-testid=spec-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("API key field at the top of the page", page.Find("[data-testid=problem]").TextContent));
        Assert.Contains("API key required", page.Find("[data-testid=problem] strong").TextContent);
    }

    [Fact]
    public void Submit_ProblemWithoutAFormField_ListsItAboveTheForm()
    {
        Http.On(HttpMethod.Post, "api/runs", _ => StubHttp.Json(Problem(new()
        {
            ["$"] = ["Malformed JSON (line 1, byte 2)."],
            ["model.widths[2]"] = ["Must be 1 or more."],
        }), HttpStatusCode.BadRequest, "application/problem+json"));
        var page = Render<NewRun>();

        page.Find("[data-testid=spec-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("Malformed JSON", page.Find("[data-testid=problem]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("model.widths", page.Find("[data-testid=problem]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_TextInANumberField_IsSentAsIsSoTheApiNamesTheField()
    {
        string? body = null;
        Http.On(HttpMethod.Post, "api/runs", request =>
        {
            body = request.Content!.ReadAsStringAsync().Result;
            return StubHttp.Json(Problem(new() { ["model.depth"] = ["The JSON value could not be converted to System.Int32."] }), HttpStatusCode.BadRequest);
        });
        var page = Render<NewRun>();

        page.Find("#f-model-depth").Change("ten");
        page.Find("[data-testid=spec-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("could not be converted", page.Find("[data-field='model.depth'] [data-testid=field-error]").TextContent, StringComparison.Ordinal));
        Assert.Contains("\"depth\":\"ten\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_WithPreset_PostsToThePresetAndOpensTheRun()
    {
        var id = Guid.NewGuid();
        Http.OnJson(HttpMethod.Post, "api/runs/from-preset/deep-sigmoid", new RunCreated(id, RunStatus.Queued, $"/api/runs/{id}"), HttpStatusCode.Accepted);
        var page = Render<NewRun>();

        page.Find("button[data-preset='deep-sigmoid']").Click();
        page.Find("[data-testid=spec-form]").Submit();

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.EndsWith($"runs/{id}", navigation.Uri, StringComparison.Ordinal));
        Assert.Contains(Http.Requests, r => r == "POST api/runs/from-preset/deep-sigmoid");
    }

    [Fact]
    public void Fields_ShowAllowedValuesAndHideThoseThatDoNotApply()
    {
        var page = Render<NewRun>();

        page.WaitForAssertion(() => Assert.Contains("sigmoid", page.Find("[data-field='model.activation'] .allowed").TextContent, StringComparison.Ordinal));
        Assert.Contains($"1 … {Limits.MaxDepth}", page.Find("[data-field='model.depth'] .allowed").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-field='optimizer.beta1']")); // the default optimizer is sgd
        Assert.Contains("SubmitRun", page.Find("[data-testid=swagger-link]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void Loss_SwitchedToMse_HidesTheOutputLayerThatNeedsCrossEntropy()
    {
        var page = Render<NewRun>();
        page.WaitForAssertion(() => Assert.Contains("hierarchical-softmax", page.Find("[data-field='training.output'] .allowed").TextContent, StringComparison.Ordinal));

        page.Find("#f-training-loss").Change("mse");

        Assert.Empty(page.FindAll("[data-field='training.output']"));
    }

    [Fact]
    public void Architecture_SwitchedToLstm_ShowsTheLstmFieldsOnly()
    {
        var page = Render<NewRun>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-field='model.normalization']")));
        Assert.Empty(page.FindAll("[data-field='init.recurrentScheme']"));

        page.Find("#f-model-architecture").Change("lstm");

        Assert.NotEmpty(page.FindAll("[data-field='init.recurrentScheme']"));
        Assert.NotEmpty(page.FindAll("[data-field='model.forgetBias']"));
        Assert.NotEmpty(page.FindAll("[data-field='model.bpttLength']"));
        Assert.Empty(page.FindAll("[data-field='model.normalization']"));
        Assert.Empty(page.FindAll("[data-field='model.widths']"));
    }

    [Fact]
    public void Architecture_SwitchedToLstm_SendsTheLstmRecordKeepingTheValuesSet()
    {
        string? body = null;
        Http.On(HttpMethod.Post, "api/runs", request =>
        {
            body = request.Content!.ReadAsStringAsync().Result;
            return StubHttp.Json(Problem(new() { ["data.kind"] = ["lstm needs a sequence data set."] }), HttpStatusCode.BadRequest);
        });
        var page = Render<NewRun>();

        page.Find("#f-model-depth").Change("3");
        page.Find("#f-model-architecture").Change("lstm");
        page.Find("[data-testid=spec-form]").Submit();

        page.WaitForAssertion(() => Assert.NotNull(body));
        Assert.Contains("\"model\":{\"architecture\":\"lstm\",", body, StringComparison.Ordinal);
        Assert.Contains("\"depth\":3", body, StringComparison.Ordinal);
        Assert.Contains("\"activation\":\"tanh\"", body, StringComparison.Ordinal); // the mlp's default relu is not carried over
        Assert.DoesNotContain("normalization", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Architecture_SwitchedToCnn_EditsTheLayerListAsJsonAndSendsIt()
    {
        string? body = null;
        Http.On(HttpMethod.Post, "api/runs", request =>
        {
            body = request.Content!.ReadAsStringAsync().Result;
            return StubHttp.Json(Problem(new() { ["model.layers[1].out_features"] = ["Must be 1 or more."] }), HttpStatusCode.BadRequest);
        });
        var page = Render<NewRun>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-field='model.normalization']")));

        page.Find("#f-model-architecture").Change("cnn");
        page.Find("#f-model-layers").Change("""[{"type": "flatten"}, {"type": "linear", "out_features": 0}]""");
        page.Find("[data-testid=spec-form]").Submit();

        page.WaitForAssertion(() => Assert.NotNull(body));
        Assert.Contains("\"layers\":[{\"type\":\"flatten\"},{\"type\":\"linear\",\"out_features\":0}]", body, StringComparison.Ordinal);
        Assert.Contains("a JSON list", page.Find("[data-field='model.layers'] .allowed").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void LayerList_NotJson_IsSentAsTextSoTheApiNamesTheField()
    {
        string? body = null;
        Http.On(HttpMethod.Post, "api/runs", request =>
        {
            body = request.Content!.ReadAsStringAsync().Result;
            return StubHttp.Json(Problem(new() { ["model.layers"] = ["The JSON value could not be converted."] }), HttpStatusCode.BadRequest);
        });
        var page = Render<NewRun>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-field='model.normalization']")));

        page.Find("#f-model-architecture").Change("cnn");
        page.Find("#f-model-layers").Change("[{type: conv2d");
        page.Find("[data-testid=spec-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("could not be converted", page.Find("[data-field='model.layers'] [data-testid=field-error]").TextContent, StringComparison.Ordinal));
        Assert.Contains("\"layers\":\"[{type: conv2d\"", body, StringComparison.Ordinal);
    }
}
