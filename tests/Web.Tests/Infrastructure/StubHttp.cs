using System.Net;
using System.Text;
using System.Text.Json;
using GradientService.Web.Services;

namespace GradientService.Web.Tests.Infrastructure;

/// <summary>Answers the dashboard's HTTP calls from a table of (method, path prefix) → response, and records every request.</summary>
public sealed class StubHttp : HttpMessageHandler
{
    private readonly List<(HttpMethod Method, string Path, Func<HttpRequestMessage, HttpResponseMessage> Answer)> _routes = [];
    private readonly List<string> _requests = [];

    public IReadOnlyList<string> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    public HttpClient Client() => new(this) { BaseAddress = new Uri("http://localhost/") };

    public StubHttp On(HttpMethod method, string pathPrefix, Func<HttpRequestMessage, HttpResponseMessage> answer)
    {
        _routes.Insert(0, (method, pathPrefix, answer));
        return this;
    }

    public StubHttp OnJson(HttpMethod method, string pathPrefix, object body, HttpStatusCode status = HttpStatusCode.OK) =>
        On(method, pathPrefix, _ => Json(body, status));

    public static HttpResponseMessage Json(object body, HttpStatusCode status = HttpStatusCode.OK, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(body, WireJson.Options), Encoding.UTF8, mediaType) };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.PathAndQuery.TrimStart('/'); // HttpClient always sets the absolute URI
        lock (_requests) _requests.Add($"{request.Method} {path}");
        foreach (var (method, prefix, answer) in _routes)
            if (method == request.Method && path.StartsWith(prefix, StringComparison.Ordinal)) return Task.FromResult(answer(request));
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
    }
}
