using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Docs;

/// <summary>
/// The submissions the documentation shows, read from the files themselves: every POST of GradientService.Api.http
/// (its "### 400 …" and "### 404 …" requests answer so), and the curl and Python bodies of README.md and docs/service.md.
/// </summary>
public sealed partial class DocumentedRequestsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public static TheoryData<string, string, string, int> Requests()
    {
        var data = new TheoryData<string, string, string, int>();
        foreach (var block in File.ReadAllText(RepositoryFiles.Path("src", "Api", "GradientService.Api.http")).Split("###").Skip(1))
        {
            var request = HttpRequestLine().Match(block);
            if (!request.Success) continue;
            var title = block[..block.IndexOf('\n', StringComparison.Ordinal)].Trim();
            var bodyStart = block.IndexOf("\n\n", request.Index, StringComparison.Ordinal);
            var body = bodyStart < 0 ? "" : block[bodyStart..].Trim();
            var status = title.StartsWith("400", StringComparison.Ordinal) ? 400 : title.StartsWith("404", StringComparison.Ordinal) ? 404 : 202;
            data.Add($".http: {title}", request.Groups["path"].Value, body, status);
        }
        foreach (var name in new[] { "README.md", Path.Combine("docs", "service.md") })
        {
            var text = File.ReadAllText(RepositoryFiles.Path(name));
            foreach (Match curl in CurlPost().Matches(text)) data.Add($"{name}: curl {curl.Groups["path"].Value}", curl.Groups["path"].Value, curl.Groups["body"].Value, 202);
            foreach (Match python in PythonPost().Matches(text)) data.Add($"{name}: python {python.Groups["path"].Value}", python.Groups["path"].Value, python.Groups["body"].Value, 202);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task DocumentedSubmission_AsWritten_IsAnsweredAsDocumentedAndRuns(string source, string path, string body, int status)
    {
        var client = factory.CreateClient();

        var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True((int)response.StatusCode == status, $"{source}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (response.StatusCode != HttpStatusCode.Accepted) return;
        var created = await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options);
        var run = await RunWaiter.FinishedAsync(client, created!.Id);
        Assert.True(run.Summary.Status == RunStatus.Completed, $"{source}: {run.Summary.Status} {run.Reason}");
    }

    [Fact]
    public void Requests_FromEveryDocument_AreFound()
    {
        var sources = Requests().Select(r => ((string)r[0]).Split(':')[0] + ((string)r[0]).Split(' ')[1]).ToList();

        // .http: submit, preset, malformed, every bad field, unknown preset; README: a preset by curl, a spec from Python;
        // docs/service.md: a spec and a preset by curl, a preset from Python.
        Assert.Equal(5, sources.Count(s => s.StartsWith(".http", StringComparison.Ordinal)));
        Assert.Equal(["README.mdcurl", "README.mdpython"], sources.Where(s => s.StartsWith("README", StringComparison.Ordinal)).Order());
        Assert.Equal(["docs/service.mdcurl", "docs/service.mdcurl", "docs/service.mdpython"], sources.Where(s => s.StartsWith("docs", StringComparison.Ordinal)).Order());
    }

    [GeneratedRegex(@"^POST \{\{base\}\}(?<path>/api/runs(?:/from-preset/[\w-]+)?)$", RegexOptions.Multiline)]
    private static partial Regex HttpRequestLine();

    [GeneratedRegex(@"curl[^\n]*?http://localhost:5080(?<path>/api/runs[\w/-]*)(?:(?!curl|\n\n).)*?-d '(?<body>[^']*)'", RegexOptions.Singleline)]
    private static partial Regex CurlPost();

    [GeneratedRegex(@"requests\.post\(f""\{base\}(?<path>/api/runs[\w/-]*)"", json=(?<body>\{.*?\})\)", RegexOptions.Singleline)]
    private static partial Regex PythonPost();
}
