using Microsoft.Extensions.Logging;
using OneThing.Storage.Catalog;
using OneThing.Storage.Configuration;
using OneThing.Storage.Documents;
using OneThing.Storage.Errors;

namespace OneThing.Storage.Sweeping;

/// <summary>
/// Removes objects that no committed record points to (left by a write whose database commit failed),
/// once they are older than the grace period, so an in-flight write is never swept from under its commit.
/// </summary>
public sealed class DocumentSweeper(IDocumentStore store, IDocumentCatalog catalog, DocumentSweeperOptions options,
    TimeProvider time, ILogger<DocumentSweeper> logger)
{
    private const int BatchSize = 500;

    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.GracePeriod;
        int examined = 0, young = 0, removed = 0, failed = 0;
        var batch = new List<StoredObjectEntry>(BatchSize);
        await foreach (var entry in store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            examined++;
            batch.Add(entry);
            if (batch.Count == BatchSize) await FlushAsync().ConfigureAwait(false);
        }

        await FlushAsync().ConfigureAwait(false);
        var result = new SweepResult(examined, young, removed, failed);
        if (removed + failed > 0 || young > 0)
            logger.LogInformation("Document sweep: {Examined} objects, {Removed} orphans removed, {Young} orphans within the grace period, {Failed} failed",
                examined, removed, young, failed);
        return result;

        async Task FlushAsync()
        {
            if (batch.Count == 0) return;
            var committed = await catalog.CommittedObjectKeysAsync(batch.Select(e => e.Key.ObjectKey).ToList(), cancellationToken)
                .ConfigureAwait(false);
            foreach (var orphan in batch.Where(e => !committed.Contains(e.Key.ObjectKey)))
            {
                if (orphan.LastModified > cutoff)
                {
                    young++;
                    continue;
                }

                try
                {
                    await store.DeleteAsync(orphan.Key, cancellationToken).ConfigureAwait(false);
                    removed++;
                    logger.LogInformation("Removed orphan object {Key} ({Length} bytes, written {Written:O}): no committed record points to it",
                        orphan.Key, orphan.Length, orphan.LastModified);
                }
                catch (Exception e) when (e is DocumentStoreException or Minio.Exceptions.MinioException or IOException)
                {
                    failed++;
                    logger.LogWarning("Could not remove orphan object {Key}: {Error}", orphan.Key, e.Message);
                }
            }

            batch.Clear();
        }
    }
}
