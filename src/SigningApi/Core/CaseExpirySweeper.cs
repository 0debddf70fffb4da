using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Core;

/// <summary>
/// Marks cases whose signing period has ended as Expired and publishes CaseExpired, so the staff
/// queue, the approval system and the applicants' links all see the end of the period when it
/// happens, not only when someone next touches the case. Each case is expired inside its signing
/// gate and under optimistic concurrency: a signature committing at the same moment wins or loses
/// cleanly, never half of each. Every instance runs it; the <c>case-expiry-sweep</c> lease lets one
/// of them do each round (a dead holder's lease lapses after one interval).
/// </summary>
internal sealed class CaseExpirySweeper(
    IServiceScopeFactory scopes,
    CaseSigningGate gate,
    Coordination.ServiceLeases leases,
    IOptions<WorkflowOptions> options,
    TimeProvider time,
    ILogger<CaseExpirySweeper> logger) : BackgroundService
{
    private const int BatchSize = 100;

    public const string LeaseName = "case-expiry-sweep";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await leases.TryAcquireAsync(LeaseName, options.Value.ExpirySweepInterval, stoppingToken)) await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be briefly away; the cases stay due and the next sweep takes them.
                logger.LogError(e, "Case expiry sweep failed; retrying in {Interval}", options.Value.ExpirySweepInterval);
            }
            try
            {
                await Task.Delay(options.Value.ExpirySweepInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Expires every case that is due now; returns how many it expired.</summary>
    internal async Task<int> SweepAsync(CancellationToken ct)
    {
        var expired = 0;
        while (true)
        {
            var now = time.GetUtcNow();
            List<Guid> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
                // In SQL on both providers: SQLite stores DateTimeOffset as an order-preserving number
                // (SqliteSigningDbContext), so only the due cases are read, not every open one.
                due = await db.Cases.AsNoTracking()
                    .Where(c => c.Status == CaseStatus.AwaitingSignatures && c.ExpiresAt <= now)
                    .OrderBy(c => c.ExpiresAt)
                    .Select(c => c.Id).Take(BatchSize).ToListAsync(ct);
            }
            foreach (var id in due)
            {
                if (await ExpireAsync(id, now, ct)) expired++;
            }
            if (due.Count < BatchSize) return expired;
        }
    }

    private async Task<bool> ExpireAsync(Guid caseId, DateTimeOffset now, CancellationToken ct)
    {
        await using var turn = await gate.EnterAsync(caseId, ct);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        // With the parties: expiry ends their access sessions.
        var c = await db.Cases.Include(x => x.Parties).SingleOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null || c.Status != CaseStatus.AwaitingSignatures || c.ExpiresAt > now) return false;
        scope.ServiceProvider.GetRequiredService<CaseStatusChanges>().Expired(c, client: null);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another instance signed, declined or expired it first; its outcome stands.
            return false;
        }
        logger.LogInformation("Case {Case} expired: signing period ended {ExpiresAt:O}", c.Id, c.ExpiresAt);
        return true;
    }
}
