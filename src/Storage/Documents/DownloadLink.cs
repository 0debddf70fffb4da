namespace OneThing.Storage.Documents;

/// <summary>A short-lived link a bank (or browser) can GET without other credentials.</summary>
/// <param name="Url">Absolute for S3 (presigned); relative to the API for the filesystem store (a signed token).</param>
/// <param name="ContentDisposition">The header value the download is served with (RFC 6266, RFC 5987 file name).</param>
public sealed record DownloadLink(Uri Url, DateTimeOffset ExpiresAt, string ContentType, string FileName, string ContentDisposition);
