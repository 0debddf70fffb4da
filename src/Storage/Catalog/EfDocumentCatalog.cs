using Microsoft.EntityFrameworkCore;
using OneThing.Storage.Documents;

namespace OneThing.Storage.Catalog;

/// <summary>
/// <see cref="IDocumentCatalog"/> over the host's own DbContext, whose model includes
/// <see cref="StoredRevisionConfiguration"/>. Knows no provider: SQLite and PostgreSQL alike.
/// </summary>
public sealed class EfDocumentCatalog<TContext>(TContext context) : IDocumentCatalog where TContext : DbContext
{
    private DbSet<StoredRevisionRecord> Records => context.Set<StoredRevisionRecord>();

    public Task<StoredRevisionRecord?> FindAsync(DocumentKey key, CancellationToken cancellationToken) =>
        Records.AsNoTracking().SingleOrDefaultAsync(r => r.ObjectKey == key.ObjectKey, cancellationToken);

    public async Task<int> LatestRevisionAsync(string centreId, string caseId, string documentId, CancellationToken cancellationToken) =>
        await Records.Where(r => r.CentreId == centreId && r.CaseId == caseId && r.DocumentId == documentId)
            .MaxAsync(r => (int?)r.Revision, cancellationToken).ConfigureAwait(false) ?? 0;

    public async Task AddAsync(StoredRevisionRecord record, CancellationToken cancellationToken)
    {
        Records.Add(record);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // leave the context as it was, so the caller's unit of work is not poisoned by a failed record
            context.Entry(record).State = EntityState.Detached;
            throw;
        }
    }

    public async Task<IReadOnlySet<string>> CommittedObjectKeysAsync(IReadOnlyCollection<string> objectKeys,
        CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        // bounded IN lists: SQLite allows ~32k parameters, PostgreSQL 65k
        foreach (var chunk in objectKeys.Chunk(500))
        {
            var keys = chunk.ToList();
            found.UnionWith(await Records.Where(r => keys.Contains(r.ObjectKey)).Select(r => r.ObjectKey)
                .ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        return found;
    }
}
