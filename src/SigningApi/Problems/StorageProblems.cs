using Microsoft.AspNetCore.Mvc;

namespace OneThing.SigningApi.Problems;

/// <summary>Document-store failures: the store being down is the caller's cue to retry later, not a server bug.</summary>
internal static class StorageProblems
{
    public static ProblemDetails? TryMap(Exception exception, HttpContext context)
    {
        if (exception.GetType().Name != "DocumentStoreUnavailableException") return null;
        context.Response.Headers.RetryAfter = "30";
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Document store unavailable",
            Detail = "The document store cannot be reached; nothing was changed. Retry later.",
        };
        problem.Extensions["code"] = "store-unavailable";
        return problem;
    }
}
