using OneThing.Storage.Documents;

namespace OneThing.Storage.Errors;

public sealed class DocumentNotFoundException(DocumentKey key)
    : DocumentStoreException($"Revision {key} is not stored.")
{
    public DocumentKey Key { get; } = key;
}
