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
            .WithSummary("Cases the caller may see (officers: their centre; bank: entrusted to it), newest first unless sorted; q searches applicant name, contract number and case number; skip/take page through them and X-Total-Count gives the number that match.");
        cases.MapGet("/counts", CountCases)
            .RequireAuthorization(p => p.RequireRole(Roles.Staff))
            .WithSummary("How many cases the caller may see in each status, and how many awaiting signatures expire within 3 days.");
        cases.MapGet("/{id:guid}", GetCase)
            .RequireAuthorization(p => p.RequireRole(Roles.All))
            .WithSummary("A case's status, parties and current document revisions.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapGet("/{id:guid}/facts", GetFacts)
            .RequireAuthorization(p => p.RequireRole(Roles.All))
            .WithSummary("The loan facts of a case (centre, bank, property, amount, term, rate, monthly payment, masked deduction account, signature places, repayment schedule).")
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

    public static async Task<Ok<List<CaseView>>> ListCases(
        CaseStatus? status, string? q, CaseSort? sort, bool? descending, int? skip, int? take,
        CaseAccess access, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var query = access.Visible(user);
        if (status is not null) query = query.Where(c => c.Status == status);
        var term = (q ?? "").Trim();
        if (term.Length > 0)
        {
            // Contract numbers are the prefix of every document id (e.g. DYGJJ-JK-2026-000123-JK).
            query = query.Where(c => c.ApplicationNumber.Contains(term)
                || c.Parties.Any(p => p.Name.Contains(term))
                || c.Documents.Any(d => d.DocumentId.StartsWith(term)));
        }
        var total = await query.CountAsync(ct);
        var desc = descending ?? sort is null;
        query = (sort ?? CaseSort.Created) switch
        {
            CaseSort.Expires => desc ? query.OrderByDescending(c => c.ExpiresAt) : query.OrderBy(c => c.ExpiresAt),
            CaseSort.Status => desc ? query.OrderByDescending(c => c.Status) : query.OrderBy(c => c.Status),
            CaseSort.Application => desc ? query.OrderByDescending(c => c.ApplicationNumber) : query.OrderBy(c => c.ApplicationNumber),
            _ => desc ? query.OrderByDescending(c => c.CreatedAt) : query.OrderBy(c => c.CreatedAt),
        };
        var list = await query.Include(c => c.Parties).Include(c => c.Documents)
            .Skip(Math.Max(0, skip ?? 0)).Take(Math.Clamp(take ?? 50, 1, 200)).ToListAsync(ct);
        http.Response.Headers["X-Total-Count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(list.Select(c => c.ToView()).ToList());
    }

    public static async Task<Ok<CaseCountsView>> CountCases(CaseAccess access, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        var visible = access.Visible(user);
        var byStatus = await visible.GroupBy(c => c.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        var soon = time.GetUtcNow().AddDays(3);
        var expiring = await visible.CountAsync(c => c.Status == CaseStatus.AwaitingSignatures && c.ExpiresAt <= soon, ct);
        return TypedResults.Ok(new CaseCountsView(byStatus.ToDictionary(x => x.Status.ToString(), x => x.Count), expiring));
    }

    public static async Task<Ok<CaseView>> GetCase(Guid id, CaseAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok((await access.LoadAsync(id, user, ct)).ToView());

    public static async Task<Ok<CaseFactsView>> GetFacts(Guid id, CaseAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(CaseFacts.Of(await access.LoadAsync(id, user, ct)));

    public static async Task<Ok<List<TimelineView>>> GetTimeline(Guid id, CaseAccess access, SigningDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var c = await access.LoadAsync(id, user, ct);
        var staff = !user.IsInRole(Roles.Applicant);
        var entries = await db.Timeline.AsNoTracking().Where(t => t.CaseId == c.Id).OrderBy(t => t.Id).ToListAsync(ct);
        // Applicants see progress, not other people's addresses and devices.
        return TypedResults.Ok(entries.Select(t => new TimelineView(t.At, t.Action, t.Actor, t.ActorRole, t.Detail,
            staff ? t.ClientAddress : null, staff ? t.UserAgent : null, RecordText.TimelineDetail(t.Action, t.Detail))).ToList());
    }
}

/// <summary>Ways to sort the case list.</summary>
public enum CaseSort
{
    Created,
    Expires,
    Status,
    Application,
}

/// <summary>Cases per status (only statuses with cases appear) and cases awaiting signatures that expire within 3 days.</summary>
public sealed record CaseCountsView(IReadOnlyDictionary<string, int> ByStatus, int ExpiringWithin3Days);
