using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Core.Coordination;

/// <summary>
/// Named leases in the case database: a periodic job on every instance first takes its lease, so one
/// instance does each round and a dead holder's claim lapses after the lease time.
/// </summary>
public sealed class ServiceLeases(IServiceScopeFactory scopes, ServiceInstance instance, TimeProvider time)
{
    /// <summary>Takes or renews <paramref name="name"/> for <paramref name="duration"/>; false while another live instance holds it.</summary>
    public async Task<bool> TryAcquireAsync(string name, TimeSpan duration, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var now = time.GetUtcNow();
        var until = now + duration;
        var holder = instance.Id;
        // Conditional update: of two instances only one matches a lease that is free or its own.
        var mine = db.Set<ServiceLease>().Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt < now));
        if (await db.WriteAsync(
                c => mine.ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), c),
                () => mine.ExecuteUpdate(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until)), ct) == 1)
            return true;
        db.Add(new ServiceLease { Name = name, Holder = holder, ExpiresAt = until });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // the lease exists and another instance holds it
        }
    }

    /// <summary>Gives the lease up at once (on shutdown), so another instance need not wait for it to lapse.</summary>
    public async Task ReleaseAsync(string name, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var holder = instance.Id;
        var mine = db.Set<ServiceLease>().Where(l => l.Name == name && l.Holder == holder);
        await db.WriteAsync(c => mine.ExecuteDeleteAsync(c), () => mine.ExecuteDelete(), ct);
    }
}

/// <summary>The document sweeper's turns, taken as leases in the case database.</summary>
internal sealed class LeasedSweepTurns(ServiceLeases leases) : OneThing.Storage.Sweeping.ISweepTurns
{
    public Task<bool> TryTakeAsync(string name, TimeSpan turn, CancellationToken cancellationToken) => leases.TryAcquireAsync(name, turn, cancellationToken);
}
