using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Access;

/// <summary>What the officer learns of a new invitation: never the link itself, which only the party's phone receives.</summary>
public sealed record InvitationView(Guid PartyId, string FieldName, string MaskedPhone, DateTimeOffset ExpiresAt, int LinksWithdrawn);

/// <summary>
/// A new signing link for a party who has not signed yet: their link was locked, spent on an access
/// token that ran out before they signed, or lost. The loan officer of the case's centre asks for it;
/// the party's earlier unspent links and their access tokens stop working, and the new one goes by
/// SMS to the phone on file.
/// </summary>
public sealed class PartyInvitations(
    SigningDbContext db,
    CaseAccess access,
    ApplicantAccessService links,
    ISmsSender sms,
    CaseTimeline timeline,
    TimeProvider time)
{
    public async Task<InvitationView> ReinviteAsync(Guid caseId, Guid partyId, ClaimsPrincipal user, ClientInfo client, CancellationToken ct)
    {
        var c = await access.LoadToActAsAsync(caseId, user, Roles.LoanOfficer, ct);
        var party = c.Parties.SingleOrDefault(p => p.Id == partyId) ?? throw ApiProblemException.NotFound($"Party {partyId} of case {caseId}");
        var now = time.GetUtcNow();
        if (c.Status != CaseStatus.AwaitingSignatures || now >= c.ExpiresAt)
            throw ApiProblemException.Conflict($"The case is {c.Status}; a new signing link can be sent only while it awaits signatures.", "not-awaiting-signatures");
        if (party.Status != PartyStatus.Invited)
            throw ApiProblemException.Conflict($"{party.FieldName} has {party.Status.ToString().ToLowerInvariant()} already; there is nothing left to sign.", "party-done");

        // Withdrawn by expiring them now: whoever holds an old link is told it has expired.
        // Every earlier link, used or not: a used link stays a way back in until the party signs.
        var earlier = await db.AccessLinks.Where(l => l.CaseId == c.Id && l.PartyId == party.Id).ToListAsync(ct);
        var withdrawn = 0;
        foreach (var old in earlier.Where(l => l.ExpiresAt > now))
        {
            old.ExpiresAt = now;
            old.Version = Guid.NewGuid();
            withdrawn++;
        }
        // The party's live access session ends with the re-invitation: their earlier applicant tokens
        // stop working, and the new link's session reads and consents afresh.
        var sessionEnded = party.AccessLinkId is not null;
        party.AccessLinkId = null;
        party.Version = Guid.NewGuid();
        var (link, url) = links.CreateLink(c, party);
        timeline.Add(c.Id, TimelineActions.SignerReinvited, user.SubjectOf(), Roles.LoanOfficer,
            $"{party.FieldName} → {PhoneMask.Mask(party.Phone)}; {withdrawn} earlier link(s) withdrawn{(sessionEnded ? "; the live access session ended" : "")}", client);
        // Commit before sending: a link the database does not know could never be opened.
        await db.SaveChangesAsync(ct);
        await sms.SendAsync(party.Phone, links.InvitationText(c, url), ct);
        return new InvitationView(party.Id, party.FieldName, PhoneMask.Mask(party.Phone), link.ExpiresAt, withdrawn);
    }
}
