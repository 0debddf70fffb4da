using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Audit;

/// <summary>
/// Turns every timeline entry and every case transition being saved into an audit entry in the
/// same SaveChanges, with the document revisions that change wrote. Hooking the unit of work (rather
/// than each call site) means no action can be stored without its audit entry.
/// </summary>
public sealed class AuditRecorder : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is SigningDbContext db) Record(db);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is SigningDbContext db) Record(db);
        return ValueTask.FromResult(result);
    }

    private static void Record(SigningDbContext db)
    {
        var entries = db.ChangeTracker.Entries().ToList();
        var documents = entries
            .Where(e => e.Entity is CaseDocument && e.State is EntityState.Added or EntityState.Modified)
            .Select(e => (CaseDocument)e.Entity)
            .GroupBy(d => d.CaseId)
            .ToDictionary(g => g.Key, g => string.Join('\n', g.OrderBy(d => d.Kind, StringComparer.Ordinal).Select(d => $"{d.Kind}@{d.Revision}={d.Sha256}")));
        foreach (var e in entries.Where(e => e.State == EntityState.Added))
        {
            var audit = e.Entity switch
            {
                TimelineEntry t => new AuditEntry
                {
                    CaseId = t.CaseId, At = t.At, Action = t.Action, Actor = t.Actor, ActorRole = t.ActorRole,
                    ClientAddress = t.ClientAddress, UserAgent = t.UserAgent, Detail = t.Detail,
                    DocumentHashes = documents.GetValueOrDefault(t.CaseId),
                },
                CaseTransition s => new AuditEntry
                {
                    CaseId = s.CaseId, At = s.At, Action = "transition", Actor = s.Actor, ActorRole = s.ActorRole,
                    Detail = Truncate($"{(s.From is null ? "(new)" : s.From.ToString())} → {s.To}{(s.Reason is null ? "" : $": {s.Reason}")}", 1000),
                },
                _ => null,
            };
            if (audit is not null) db.Add(audit);
        }
    }

    private static string Truncate(string s, int max) => s.Length > max ? s[..max] : s;
}
