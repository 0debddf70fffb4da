using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Audit;

/// <summary>Recomputes the chain from the genesis and reports the first entry that does not match.</summary>
public sealed class AuditVerifier(SigningDbContext db, TimeProvider time)
{
    public async Task<AuditIntegrityReport> VerifyAsync(CancellationToken ct)
    {
        var previous = AuditHash.Genesis;
        long expected = 0;
        long? lastId = null;
        const int page = 1000;
        while (true)
        {
            var q = db.Set<AuditEntry>().AsNoTracking().Where(e => e.ChainIndex != null);
            if (lastId is { } after) q = q.Where(e => e.ChainIndex > after);
            var batch = await q.OrderBy(e => e.ChainIndex).Take(page).ToListAsync(ct);
            foreach (var e in batch)
            {
                expected++;
                var problem = e.ChainIndex != expected ? $"entry {e.Id} holds chain index {e.ChainIndex}, expected {expected} (an entry is missing)"
                    : e.PreviousHash != previous ? $"entry {e.Id} links to {e.PreviousHash}, but the previous entry's hash is {previous}"
                    : AuditHash.Compute(e, expected, previous) != e.Hash ? $"entry {e.Id} content does not match its hash (edited after it was written)"
                    : null;
                if (problem is not null) return await ReportAsync(false, expected - 1, expected, problem, previous, ct);
                previous = e.Hash!;
            }
            if (batch.Count < page) break;
            lastId = batch[^1].ChainIndex;
        }
        return await ReportAsync(true, expected, null, null, expected == 0 ? null : previous, ct);
    }

    private async Task<AuditIntegrityReport> ReportAsync(bool intact, long entries, long? broken, string? problem, string? head, CancellationToken ct) =>
        new(intact, entries, broken, problem, head, await db.Set<AuditEntry>().LongCountAsync(e => e.ChainIndex == null, ct), time.GetUtcNow());
}
