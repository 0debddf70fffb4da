namespace OneThing.Storage.Documents;

/// <summary>
/// What a download link should deliver: the file name the browser saves, its content type, how long
/// the link lives, and the SHA-256 the catalog holds for the revision (the link must not serve other bytes).
/// </summary>
public sealed record DownloadRequest(string FileName, string ContentType, TimeSpan Lifetime, string? ExpectedSha256 = null);
