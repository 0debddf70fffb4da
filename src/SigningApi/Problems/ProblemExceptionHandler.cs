using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OneThing.Seal.Timestamps;

namespace OneThing.SigningApi.Problems;

/// <summary>Maps typed exceptions to RFC 9457 problem details; anything unknown becomes a 500 without internals.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception, context);
        if (problem.Status >= 500)
        {
            logger.LogError(exception, "Request {Method} {Path} failed: {Status}", context.Request.Method, context.Request.Path, problem.Status);
        }
        context.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Map(Exception exception, HttpContext context)
    {
        switch (exception)
        {
            case ApiProblemException p:
                var details = With(new ProblemDetails { Status = p.Status, Title = p.Title, Detail = p.Message }, p.Code);
                foreach (var (name, value) in p.Extensions) details.Extensions[name] = value;
                if (p.Status == StatusCodes.Status429TooManyRequests && p.Extensions.TryGetValue("retryAfterSeconds", out var retry))
                {
                    context.Response.Headers.RetryAfter = Convert.ToString(retry, System.Globalization.CultureInfo.InvariantCulture);
                }
                return details;
            case BadHttpRequestException b:
                return With(new ProblemDetails { Status = b.StatusCode, Title = "Bad request", Detail = DescribeBadRequest(b) }, "bad-request");
            case DbUpdateConcurrencyException:
                return With(new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = "Conflict",
                    Detail = "Another request changed this case at the same time; nothing of this request was applied. Reload and retry.",
                }, "concurrent-change");
            case TimestampUnavailableException t:
                context.Response.Headers.RetryAfter = "30";
                return With(new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "Timestamp authority unavailable", Detail = t.Message }, "timestamp-unavailable");
            case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                return new ProblemDetails { Status = 499, Title = "Client closed request" };
            default:
                if (StorageProblems.TryMap(exception, context) is { } storage) return storage;
                return new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "Internal error", Detail = "The request failed; it has been logged." };
        }
    }

    private static string DescribeBadRequest(BadHttpRequestException b)
    {
        // Malformed JSON arrives as BadHttpRequestException wrapping a JsonException with the position.
        var json = b.InnerException as System.Text.Json.JsonException;
        return json is null ? b.Message : $"{b.Message} {json.Message}";
    }

    private static ProblemDetails With(ProblemDetails problem, string? code)
    {
        if (code is not null) problem.Extensions["code"] = code;
        return problem;
    }
}

