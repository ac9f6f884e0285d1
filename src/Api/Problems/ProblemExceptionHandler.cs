using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace GradientService.Api.Problems;

/// <summary>
/// The one place exceptions become responses: a client's bad request (unreadable body, body too large, bad JSON in a
/// query) keeps its 4xx status; anything else is a defect, logged once and answered 500 without internals.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancel)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request", bad.Message),
            JsonException json => (StatusCodes.Status400BadRequest, "Malformed JSON", SpecReader.FirstSentence(json.Message)),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => (499, "Client closed request", null),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "The service failed on this request; the error was logged."),
        };
        if (status >= 500) Log.UnhandledException(logger, http.Request.Method, http.Request.Path, exception);
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
