using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OneThing.Seal.Pki.Timestamps;

namespace OneThing.SigningApi.Core.Problems;

/// <summary>Maps typed exceptions to RFC 9457 problem details; anything unknown becomes a 500 without internals.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception, context);
        if (problem.Status >= 500)
        {
            // The route template, not the path: paths carry link and download tokens.
            var route = (context.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText ?? "(no endpoint)";
            logger.LogError(exception, "Request {Method} {Route} failed: {Status}", context.Request.Method, route, problem.Status);
        }
        context.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Map(Exception exception, HttpContext context)
    {
        // Model binding may wrap the cap's exception (e.g. in a BadHttpRequestException); the cap decides the answer.
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Limits.RequestBodyTooLargeException large)
                return With(new ProblemDetails { Status = StatusCodes.Status413PayloadTooLarge, Title = "Body too large", Detail = $"At most {large.Limit} bytes." }, "body-too-large");
            // PostgreSQL restarting, failing over or refusing connections for a moment (EF wraps it in
            // DbUpdateException or InvalidOperationException): a client retries 503 with the same
            // Idempotency-Key, where a 500 would end its case. Checked before the concurrency mapping below,
            // which is not what a dropped connection during an update means.
            if (Persistence.TransientDatabaseError.Is(e))
            {
                context.Response.Headers.RetryAfter = "1";
                return With(new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "Database unavailable",
                    Detail = "The database could not be reached for a moment. Retry with the same Idempotency-Key.",
                }, "database-unavailable");
            }
        }
        switch (exception)
        {
            case ApiProblemException p:
                var details = With(new ProblemDetails { Status = p.Status, Title = p.Title, Detail = p.Message }, p.Code);
                foreach (var (name, value) in p.Extensions) details.Extensions[name] = value;
                // 429 (rate limits) and 503 (a gateway away) say when to come back.
                if (p.Extensions.TryGetValue("retryAfterSeconds", out var retry))
                {
                    context.Response.Headers.RetryAfter = Convert.ToString(retry, System.Globalization.CultureInfo.InvariantCulture);
                }
                return details;
            case RequestValidationException v:
                return With(new HttpValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The request has invalid fields",
                    Detail = $"{v.Errors.Count} field(s) are invalid; each is listed under errors by its JSON path.",
                }, "validation-failed");
            case OneThing.Storage.Errors.DocumentStoreUnavailableException s:
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(1, s.RetryAfter.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return With(new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "Document store unavailable",
                    Detail = "The document store cannot be reached; nothing was changed. Retry later.",
                }, "store-unavailable");
            case OneThing.Storage.Errors.DocumentCorruptedException:
                return With(new ProblemDetails
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Title = "Stored document failed its integrity check",
                    Detail = "The stored revision does not hash to what was recorded when it was committed, so it is not served. This has been logged for the operators.",
                }, "document-corrupted");
            case OneThing.Storage.Errors.RevisionAlreadyExistsException:
                return With(new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = "Conflict",
                    Detail = "Another request stored a new revision of this document at the same time; nothing of this request was applied.",
                }, "concurrent-change");
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

