using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Idempotency;
using OneThing.SigningApi.Core.Limits;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Intake;

public static class CaseEndpoints
{
    /// <summary>Opening a case, and reading cases and their timelines within the caller's scope.</summary>
    public static RouteGroupBuilder MapCaseEndpoints(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Cases");

        cases.MapPost("/", OpenCase)
            .RequireAuthorization(p => p.RequireRole(Roles.ApprovalSystem))
            .WithIdempotency()
            .WithBodyLimit(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<IntakeOptions>>().Value.MaxIntakeBodyBytes)
            .WithSummary("Open a case from an approved loan (idempotent by application number): render, store, invite signers.")
            .Produces<CaseView>(StatusCodes.Status201Created).Produces<CaseView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        cases.MapGet("/", ListCases)
            .RequireAuthorization(p => p.RequireRole(Roles.Staff))
            .WithSummary("Cases the caller may see, newest first (officers: their centre; bank: entrusted to it).");
        cases.MapGet("/{id:guid}", GetCase)
            .RequireAuthorization(p => p.RequireRole(Roles.All))
            .WithSummary("A case's status, parties and current document revisions.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapGet("/{id:guid}/timeline", GetTimeline)
            .RequireAuthorization(p => p.RequireRole(Roles.All))
            .WithSummary("Every step of the case in order (who, when, what).");
        return api;
    }

    public static async Task<Results<Created<CaseView>, Ok<CaseView>>> OpenCase(
        CaseIntakeRequest request, CaseIntakeService intake, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var outcome = await intake.OpenAsync(request, user, ClientInfo.From(http), ct);
        var view = outcome.Case.ToView();
        return outcome.Created ? TypedResults.Created($"/api/v1/cases/{view.Id}", view) : TypedResults.Ok(view);
    }

    public static async Task<Ok<List<CaseView>>> ListCases(CaseStatus? status, int? take, CaseAccess access, ClaimsPrincipal user, CancellationToken ct)
    {
        var q = access.Visible(user);
        if (status is not null) q = q.Where(c => c.Status == status);
        var list = await q.Include(c => c.Parties).Include(c => c.Documents)
            .OrderByDescending(c => c.CreatedAt).Take(Math.Clamp(take ?? 50, 1, 200)).ToListAsync(ct);
        return TypedResults.Ok(list.Select(c => c.ToView()).ToList());
    }

    public static async Task<Ok<CaseView>> GetCase(Guid id, CaseAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok((await access.LoadAsync(id, user, ct)).ToView());

    public static async Task<Ok<List<TimelineView>>> GetTimeline(Guid id, CaseAccess access, SigningDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var c = await access.LoadAsync(id, user, ct);
        var staff = !user.IsInRole(Roles.Applicant);
        var entries = await db.Timeline.AsNoTracking().Where(t => t.CaseId == c.Id).OrderBy(t => t.Id).ToListAsync(ct);
        // Applicants see progress, not other people's addresses and devices.
        return TypedResults.Ok(entries.Select(t => new TimelineView(t.At, t.Action, t.Actor, t.ActorRole, t.Detail,
            staff ? t.ClientAddress : null, staff ? t.UserAgent : null)).ToList());
    }
}
