using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Core.Coordination;

/// <summary>
/// Fixed-window counters in the shared database: each permit is one atomic increment, so N instances
/// behind a proxy together admit at most the limit per window, not N times it.
/// </summary>
public sealed class SharedRateLimits(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <returns>Null when admitted; otherwise how long until the window ends.</returns>
    public async Task<TimeSpan?> TryTakeAsync(string partition, int limit, TimeSpan window, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var now = time.GetUtcNow();
        var windows = db.Set<RateLimitWindow>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var current = windows.Where(w => w.Partition == partition && w.WindowEnd > now);
            if (await db.WriteAsync(
                    c => current.ExecuteUpdateAsync(s => s.SetProperty(w => w.Count, w => w.Count + 1), c),
                    () => current.ExecuteUpdate(s => s.SetProperty(w => w.Count, w => w.Count + 1)), ct) == 0)
            {
                // No open window: restart a lapsed one, or start the first.
                var end = now + window;
                var lapsed = windows.Where(w => w.Partition == partition && w.WindowEnd <= now);
                if (await db.WriteAsync(
                        c => lapsed.ExecuteUpdateAsync(s => s.SetProperty(w => w.Count, 1).SetProperty(w => w.WindowEnd, end), c),
                        () => lapsed.ExecuteUpdate(s => s.SetProperty(w => w.Count, 1).SetProperty(w => w.WindowEnd, end)), ct) == 0)
                {
                    db.Add(new RateLimitWindow { Partition = partition, WindowEnd = end, Count = 1 });
                    try
                    {
                        await db.SaveChangesAsync(ct);
                    }
                    catch (DbUpdateException)
                    {
                        // Another instance opened the window at the same moment: count in that one.
                        db.ChangeTracker.Clear();
                        continue;
                    }
                }
                return limit >= 1 ? null : window;
            }
            var counted = await windows.AsNoTracking().Where(w => w.Partition == partition).Select(w => new { w.Count, w.WindowEnd }).FirstAsync(ct);
            return counted.Count <= limit ? null : counted.WindowEnd - now;
        }
        throw new InvalidOperationException($"The rate-limit window '{partition}' could not be counted.");
    }
}
