using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Staff;

/// <summary>A later signing deadline for a case still waiting for its applicants, and why.</summary>
public sealed record DeadlineExtensionRequest(DateTimeOffset? ExpiresAt, string? Reason);

/// <summary>
/// The loan officer moves a case's signing deadline later while its applicants have not all signed
/// (a borrower abroad, a lost phone). Limits: later than the current deadline, and no later than
/// <see cref="SigningPeriod.MaxDays"/> after intake, so a case cannot be kept open forever one extension
/// at a time. Links still live that were cut short by the old deadline now run to their own lifetime
/// (never past the new deadline); the change is a timeline entry, and with it an audit record. Every applicant
/// still to sign whose turn has come is told the new deadline by SMS (configured template, Beijing time); one
/// whose turn is still to come is not: their invitation, when it is sent, names the deadline of that day.
/// </summary>
public sealed class DeadlineExtension(
    SigningDbContext db, CaseAccess access, CaseTimeline timeline, ISignerLinks links, ISmsSender sms, SmsTexts texts, TimeProvider time,
    ILogger<DeadlineExtension> logger)
{
    public async Task<SigningCase> ExtendAsync(Guid id, DeadlineExtensionRequest request, ClaimsPrincipal user, ClientInfo client, CancellationToken ct)
    {
        var reason = (request.Reason ?? "").Trim();
        var problems = new List<(string, string)>();
        if (reason.Length is 0 or > 500) problems.Add(("reason", "is required (1 to 500 characters)"));
        if (request.ExpiresAt is null) problems.Add(("expiresAt", "is required (the new deadline, ISO 8601 with offset)"));
        if (problems.Count > 0) throw RequestValidationException.From(problems);

        var c = await access.LoadToActAsAsync(id, user, Roles.LoanOfficer, ct);
        var now = time.GetUtcNow();
        // Only the signing period has a deadline: after the last signature nothing expires, and an expired,
        // declined or cancelled case is over (a new case is the way on, not a revived one).
        if (c.Status != CaseStatus.AwaitingSignatures)
            throw ApiProblemException.Conflict($"The case is {c.Status}; a deadline can be extended only while it awaits signatures.", "not-awaiting-signatures");
        if (now >= c.ExpiresAt)
            throw ApiProblemException.Conflict($"The signing period ended at {c.ExpiresAt:O}; an ended period is not reopened.", "signing-period-ended");
        var newDeadline = request.ExpiresAt!.Value.ToUniversalTime();
        var latest = c.CreatedAt.AddDays(SigningPeriod.MaxDays);
        if (newDeadline <= c.ExpiresAt)
            throw RequestValidationException.From([("expiresAt", $"must be later than the current deadline {c.ExpiresAt:O}")]);
        if (newDeadline > latest)
            throw RequestValidationException.From([("expiresAt", $"must be at most {SigningPeriod.MaxDays} days after intake ({latest:O})")]);

        var old = c.ExpiresAt;
        c.ExpiresAt = newDeadline;
        c.UpdatedAt = now;
        // A concurrent writer (the expiry sweep among them) now fails instead of both applying.
        c.Version = Guid.NewGuid();
        await links.ExtendLinksAsync(c, old, ct);
        timeline.Add(c.Id, TimelineActions.DeadlineExtended, user.SubjectOf(), Roles.LoanOfficer,
            $"{old:O} → {newDeadline:O}: {reason}", client);
        await db.SaveChangesAsync(ct);
        await NotifyAsync(c, newDeadline);
        return c;
    }

    /// <summary>
    /// After the commit, and not cancelled with the request: the extension stands whatever happens here, so a
    /// failed send is logged (the officer can still send a new link from the console) rather than turning the
    /// extension into an error; who was told is recorded in the timeline.
    /// </summary>
    private async Task NotifyAsync(SigningCase c, DateTimeOffset newDeadline)
    {
        var text = texts.DeadlineExtended(c.ApplicationNumber, newDeadline);
        var told = new List<string>();
        foreach (var party in c.Parties.Where(p => p.Status == PartyStatus.Invited && SigningTurns.IsTurnOf(c, p)).OrderBy(p => p.SigningOrder))
        {
            try
            {
                await sms.SendAsync(party.Phone, text, CancellationToken.None);
                told.Add($"{party.FieldName} → {PhoneMask.Mask(party.Phone)}");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogError(e, "Case {Case}: the new deadline could not be sent to {Field}", c.Id, party.FieldName);
            }
        }
        if (told.Count == 0) return;
        timeline.Add(c.Id, WorkflowTimelineActions.ApplicantsNotified, WorkflowActors.Workflow, WorkflowActors.SystemRole, $"deadline: {string.Join(", ", told)}", client: null);
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
