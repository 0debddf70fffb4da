using OneThing.Storage.Documents;

namespace OneThing.Storage.Errors;

/// <summary>A put would have overwritten a stored revision with different bytes: revisions are written once.</summary>
public sealed class RevisionAlreadyExistsException(DocumentKey key, string storedSha256)
    : DocumentStoreException($"Revision {key} is already stored (SHA-256 {storedSha256}) and is never overwritten.")
{
    public DocumentKey Key { get; } = key;
    public string StoredSha256 { get; } = storedSha256;
}
