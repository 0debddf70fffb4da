using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Audit;

/// <summary>
/// Appends committed audit entries to the hash chain in commit order. Chaining after commit (not
/// inside each request's transaction) keeps concurrent requests from contending for the chain's
/// head. Across instances the chainers take turns: on PostgreSQL each round holds a transaction-scoped
/// advisory lock while it reads the head and writes the new links, so two instances never build on
/// the same head (no fork), never skip a position (no gap), and wait rather than deadlock; the unique
/// chain index stays as the last guard (the loser retries).
/// </summary>
public sealed class AuditChainer(IServiceScopeFactory scopes, ILogger<AuditChainer> logger) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Chains every entry committed so far; returns how many were added.</summary>
    public async Task<int> ChainPendingAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
                try
                {
                    return await ChainAsync(db, ct);
                }
                catch (DbUpdateException e) when (attempt < 5)
                {
                    logger.LogInformation("Audit chain head moved under us ({Error}); retrying", e.InnerException?.Message ?? e.Message);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<int> ChainAsync(SigningDbContext db, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            await using var turn = await db.BeginSerializedAsync(AdvisoryLockKeys.AuditChainNamespace, ct);
            var pending = await db.Set<AuditEntry>().Where(e => e.ChainIndex == null).OrderBy(e => e.Id).Take(500).ToListAsync(ct);
            if (pending.Count == 0) return total;
            var head = await db.Set<AuditEntry>().Where(e => e.ChainIndex != null).OrderByDescending(e => e.ChainIndex)
                .Select(e => new { e.ChainIndex, e.Hash }).FirstOrDefaultAsync(ct);
            var index = head?.ChainIndex ?? 0;
            var previous = head?.Hash ?? AuditHash.Genesis;
            foreach (var e in pending)
            {
                index++;
                e.ChainIndex = index;
                e.PreviousHash = previous;
                e.Hash = AuditHash.Compute(e, index, previous);
                previous = e.Hash;
            }
            await db.SaveChangesAsync(ct);
            if (turn is not null) await turn.CommitAsync(ct);
            db.ChangeTracker.Clear();
            total += pending.Count;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            try
            {
                await ChainPendingAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Audit chaining failed; entries stay pending and are chained on the next round");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false) is true);
    }
}
