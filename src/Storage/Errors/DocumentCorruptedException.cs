using OneThing.Storage.Documents;

namespace OneThing.Storage.Errors;

/// <summary>The bytes read back do not hash to what was recorded: the object was changed behind the store's back.</summary>
public sealed class DocumentCorruptedException(DocumentKey key, string expectedSha256, string actualSha256, string source)
    : DocumentStoreException(
        $"Revision {key} is corrupted: its bytes hash to {actualSha256} but {source} records {expectedSha256}; it is not served.")
{
    public DocumentKey Key { get; } = key;
    public string ExpectedSha256 { get; } = expectedSha256;
    public string ActualSha256 { get; } = actualSha256;
}
