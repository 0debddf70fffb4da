using OneThing.Storage.Documents;

namespace OneThing.Storage.Downloads;

/// <summary>
/// What a valid filesystem download token allows: one revision with exactly this SHA-256, served with
/// this type and disposition, until then.
/// </summary>
public sealed record DownloadGrant(DocumentKey Key, string Sha256, string ContentType, string FileName, string ContentDisposition, DateTimeOffset ExpiresAt);
