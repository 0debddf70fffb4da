using Microsoft.AspNetCore.Diagnostics;

namespace OneThing.SigningApi.Core.Problems;

/// <summary>
/// Runs before the problem is written: removes the revisions the failed request wrote and did not
/// commit, so a client retrying at once finds the revision number free. Handles nothing itself.
/// </summary>
internal sealed class UncommittedRevisionsExceptionHandler(ILogger<UncommittedRevisionsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        try
        {
            // Not the request's token: a client that hung up must not leave the revision blocked either.
            await context.RequestServices.GetRequiredService<CaseDocumentFiles>().DiscardUncommittedAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            // The failed request still gets its problem answer; the scope's end and the sweeper try again.
            logger.LogWarning(e, "Could not discard the uncommitted revisions of a failed request");
        }
        return false;
    }
}
