using System.Net;
using System.Text;
using System.Text.Json;
using GradientService.Contracts.Wire;
using GradientService.Web.Services;
using GradientService.Web.Settings;

namespace GradientService.Web.Tests.Infrastructure;

/// <summary>Answers the dashboard's HTTP calls from a table of (method, path prefix) → response, and records every request.</summary>
public sealed class StubHttp : HttpMessageHandler
{
    private readonly List<(HttpMethod Method, string Path, Func<HttpRequestMessage, HttpResponseMessage> Answer)> _routes = [];
    private readonly List<string> _requests = [];
    private readonly List<(string Request, string? ApiKey)> _keys = [];

    public IReadOnlyList<string> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    /// <summary>The X-Api-Key header of every request (null when it had none).</summary>
    public IReadOnlyList<(string Request, string? ApiKey)> ApiKeys
    {
        get { lock (_requests) return [.. _keys]; }
    }

    /// <summary>A client over this stub, through <paramref name="handler"/> when given (as the app's client goes through its own).</summary>
    public HttpClient Client(DelegatingHandler? handler = null)
    {
        if (handler is not null) handler.InnerHandler = this;
        return new HttpClient(handler ?? (HttpMessageHandler)this) { BaseAddress = new Uri("http://localhost/") };
    }

    public StubHttp On(HttpMethod method, string pathPrefix, Func<HttpRequestMessage, HttpResponseMessage> answer)
    {
        _routes.Insert(0, (method, pathPrefix, answer));
        return this;
    }

    public StubHttp OnJson(HttpMethod method, string pathPrefix, object body, HttpStatusCode status = HttpStatusCode.OK) =>
        On(method, pathPrefix, _ => Json(body, status));

    public static HttpResponseMessage Json(object body, HttpStatusCode status = HttpStatusCode.OK, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(body, WireJson.Options), Encoding.UTF8, mediaType) };

    /// <summary>The Api's binary answer (format=msgpack) to a steps request: the series in columns.</summary>
    public static HttpResponseMessage Packed(SeriesResponse series) => Packed(PackedSeries.Of(series));

    /// <summary>The Api's binary answer (format=msgpack) to a heatmap request: the cells in one block.</summary>
    public static HttpResponseMessage Packed(Heatmap heatmap) => Packed(PackedHeatmap.Of(heatmap));

    private static HttpResponseMessage Packed<T>(T body) => new(HttpStatusCode.OK)
    {
        Content = new ByteArrayContent(MessagePack.MessagePackSerializer.Serialize(body, MessagePack.Resolvers.ContractlessStandardResolver.Options))
        {
            Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(GradientService.Contracts.Wire.PackedWire.MediaType) },
        },
    };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.PathAndQuery.TrimStart('/'); // HttpClient always sets the absolute URI
        var key = request.Headers.TryGetValues(ApiKeyHandler.Header, out var values) ? values.FirstOrDefault() : null;
        lock (_requests)
        {
            _requests.Add($"{request.Method} {path}");
            _keys.Add(($"{request.Method} {path}", key));
        }
        foreach (var (method, prefix, answer) in _routes)
            if (method == request.Method && path.StartsWith(prefix, StringComparison.Ordinal)) return Task.FromResult(answer(request));
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
    }
}
