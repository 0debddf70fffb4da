namespace OneThing.Storage.Errors;

/// <summary>
/// The store could not be reached (or answered too slowly) within the time budget, after retries.
/// Nothing was half-written. The API maps this to 503 with a Retry-After of <see cref="RetryAfter"/>.
/// </summary>
public sealed class DocumentStoreUnavailableException(string message, TimeSpan retryAfter, Exception? innerException = null)
    : DocumentStoreException(message, innerException)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
