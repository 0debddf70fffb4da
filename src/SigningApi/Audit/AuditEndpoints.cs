using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Audit;

public static class AuditEndpoints
{
    /// <summary>A case's state changes and audit entries, and the check of the whole audit chain.</summary>
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/cases/{id:guid}").WithTags("Workflow");

        group.MapGet("/transitions", GetTransitions)
            .RequireAuthorization(p => p.RequireRole(Roles.Staff))
            .WithSummary("Every state change of the case (from, to, who, role, when, why).");
        group.MapGet("/audit", GetAuditEntries)
            .RequireAuthorization(p => p.RequireRole(Roles.Auditor, Roles.Admin))
            .WithTags("Audit")
            .WithSummary("The case's audit entries with their chain positions and hashes.");
        api.MapGet("/audit/verify", VerifyAuditChain)
            .RequireAuthorization(p => p.RequireRole(Roles.Auditor, Roles.Admin))
            .WithTags("Audit")
            .WithSummary("Recompute the whole audit hash chain; reports the first entry that was edited, inserted or removed.");
        return api;
    }

    public static async Task<Ok<List<TransitionView>>> GetTransitions(Guid id, CaseAccess access, SigningDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var c = await access.LoadAsync(id, user, ct);
        var transitions = await db.Set<CaseTransition>().AsNoTracking().Where(t => t.CaseId == c.Id).OrderBy(t => t.Id).ToListAsync(ct);
        return TypedResults.Ok(transitions.Select(t => new TransitionView(t.From, t.To, t.Actor, t.ActorRole, t.At, t.Reason,
            RecordText.TransitionReason(t.To.ToString(), t.Reason))).ToList());
    }

    public static async Task<Ok<List<AuditEntryView>>> GetAuditEntries(Guid id, CaseAccess access, SigningDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var c = await access.LoadAsync(id, user, ct);
        var entries = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.CaseId == c.Id).OrderBy(e => e.Id).ToListAsync(ct);
        return TypedResults.Ok(entries.Select(AuditEntryView.Of).ToList());
    }

    public static async Task<Ok<AuditIntegrityReport>> VerifyAuditChain(AuditChainer chainer, AuditVerifier verifier, CancellationToken ct)
    {
        await chainer.ChainPendingAsync(ct);
        return TypedResults.Ok(await verifier.VerifyAsync(ct));
    }
}
