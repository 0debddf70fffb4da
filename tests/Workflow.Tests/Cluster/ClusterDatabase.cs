using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Persistence;

namespace OneThing.Workflow.Tests.Cluster;

/// <summary>Reads the cluster's PostgreSQL database directly: what the instances committed, not what they answered.</summary>
internal static class ClusterDatabase
{
    public static async Task<T> QueryAsync<T>(string connection, Func<SigningDbContext, Task<T>> query)
    {
        await using var db = new PostgresSigningDbContext(new DbContextOptionsBuilder<PostgresSigningDbContext>().UseNpgsql(connection).Options);
        return await query(db);
    }

    /// <summary>Per case: how many transitions arrived in each state (exactly-once means every count is 1).</summary>
    public static Task<Dictionary<string, Dictionary<CaseStatus, int>>> TransitionsAsync(string connection) =>
        QueryAsync(connection, async db =>
        {
            var rows = await (from t in db.Set<CaseTransition>()
                              join c in db.Set<SigningCase>() on t.CaseId equals c.Id
                              group t by new { c.ApplicationNumber, t.To } into g
                              select new { g.Key.ApplicationNumber, g.Key.To, Count = g.Count() }).ToListAsync();
            return rows.GroupBy(r => r.ApplicationNumber).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.To, r => r.Count));
        });

    /// <summary>Waits until every case of the database is Completed (the steps after the seal run on the bus).</summary>
    public static async Task<Dictionary<string, CaseStatus>> WaitForAllCompletedAsync(string connection, int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        Dictionary<string, CaseStatus> statuses = [];
        while (DateTime.UtcNow < deadline)
        {
            statuses = await QueryAsync(connection, db => db.Set<SigningCase>().ToDictionaryAsync(c => c.ApplicationNumber, c => c.Status));
            if (statuses.Count >= expected && statuses.Values.All(s => s == CaseStatus.Completed)) return statuses;
            await Task.Delay(1000);
        }
        return statuses;
    }
}
