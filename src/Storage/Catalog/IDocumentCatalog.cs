using OneThing.Storage.Documents;

namespace OneThing.Storage.Catalog;

/// <summary>The database side of document storage: which revisions are committed, with their hashes.</summary>
public interface IDocumentCatalog
{
    Task<StoredRevisionRecord?> FindAsync(DocumentKey key, CancellationToken cancellationToken);

    /// <summary>The highest committed revision of a document, or 0 when it has none.</summary>
    Task<int> LatestRevisionAsync(string centreId, string caseId, string documentId, CancellationToken cancellationToken);

    /// <summary>Adds the record and commits (SaveChanges on the host's context: changes it tracks commit with it).</summary>
    Task AddAsync(StoredRevisionRecord record, CancellationToken cancellationToken);

    /// <summary>Which of these object keys have a committed record.</summary>
    Task<IReadOnlySet<string>> CommittedObjectKeysAsync(IReadOnlyCollection<string> objectKeys, CancellationToken cancellationToken);
}
