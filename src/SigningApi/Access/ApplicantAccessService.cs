using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Core.Telemetry;

namespace OneThing.SigningApi.Access;

/// <summary>
/// The applicant's way in: one-time link → name + ID number → one-time code to the phone on file →
/// short-lived access token for that case and party. Every failure is counted and stored before
/// the problem is returned, so retries cannot reset the limits.
/// </summary>
public sealed class ApplicantAccessService(
    SigningDbContext db,
    IOptions<ApplicantAccessOptions> accessOptions,
    IOptions<OneThingOptions> rootOptions,
    ISmsSender sms,
    SmsTexts texts,
    ApplicantTokenIssuer tokens,
    CaseTimeline timeline,
    TimeProvider time,
    ILogger<ApplicantAccessService> logger) : ISignerLinks
{
    private ApplicantAccessOptions Options => accessOptions.Value;

    /// <summary>Creates a link for a party (the caller commits) and returns the secret URL to send.</summary>
    public (AccessLink Link, Uri Url) CreateLink(SigningCase signingCase, CaseParty party)
    {
        var token = AccessSecrets.NewLinkToken();
        var now = time.GetUtcNow();
        var expires = ExpiryOf(now, signingCase);
        var link = new AccessLink
        {
            Id = Guid.NewGuid(),
            CaseId = signingCase.Id,
            PartyId = party.Id,
            TokenHash = AccessSecrets.Hash(token),
            CreatedAt = now,
            ExpiresAt = expires,
            Version = Guid.NewGuid(),
        };
        db.AccessLinks.Add(link);
        var url = new Uri(new Uri(rootOptions.Value.PublicBaseUrl.TrimEnd('/') + "/"), $"sign/{token}");
        return (link, url);
    }

    Uri ISignerLinks.CreateLink(SigningCase signingCase, CaseParty party) => CreateLink(signingCase, party).Url;

    public async Task ExtendLinksAsync(SigningCase signingCase, DateTimeOffset oldDeadline, CancellationToken ct)
    {
        // Filtered in memory: a case has a handful of links, and SQLite cannot compare DateTimeOffset values.
        var caseLinks = await db.AccessLinks.Where(l => l.CaseId == signingCase.Id).ToListAsync(ct);
        foreach (var link in caseLinks.Where(l => l.ExpiresAt == oldDeadline && l.LockedAt is null))
        {
            link.ExpiresAt = ExpiryOf(link.CreatedAt, signingCase);
            link.Version = Guid.NewGuid();
        }
    }

    /// <summary>A link lives its own lifetime from when it was made, never past the case's deadline.</summary>
    private DateTimeOffset ExpiryOf(DateTimeOffset createdAt, SigningCase signingCase)
    {
        var own = createdAt + Options.LinkLifetime;
        return own < signingCase.ExpiresAt ? own : signingCase.ExpiresAt;
    }

    /// <summary>
    /// The invitation SMS names the link's deadline (the link's own expiry, never after the case's), so
    /// nobody learns it only when the link has stopped working; the wording is the configured template.
    /// </summary>
    public string InvitationText(SigningCase signingCase, Uri url)
    {
        var hash = AccessSecrets.Hash(url.Segments[^1]);
        var signBy = db.AccessLinks.Local.SingleOrDefault(l => l.TokenHash == hash)?.ExpiresAt ?? signingCase.ExpiresAt;
        if (signBy > signingCase.ExpiresAt) signBy = signingCase.ExpiresAt;
        return texts.Invitation(signingCase.ApplicationNumber, url, signBy);
    }

    /// <summary>
    /// What the link shows before identity is confirmed: whose loan office, which contract, amount, term
    /// and deadline, and whether the holder must wait for someone else — nothing that names the person.
    /// </summary>
    public async Task<LinkLanding> LandingAsync(string linkToken, CancellationToken ct)
    {
        AccessLink link;
        CaseParty party;
        SigningCase signingCase;
        try
        {
            (link, party, signingCase) = await LoadUsableLinkAsync(linkToken, ct);
        }
        catch (ApiProblemException e) when (e.Code == "already-signed")
        {
            // Reopening the SMS after signing is no dead end: the answer says how far the case has got and
            // whom to call (the case's progress and the centre only; still nothing that names the person).
            var hash = AccessSecrets.Hash(linkToken ?? "");
            var c = await db.AccessLinks.AsNoTracking().Where(l => l.TokenHash == hash)
                .Join(db.Cases.AsNoTracking(), l => l.CaseId, x => x.Id, (_, x) => x).SingleAsync(ct);
            var data = OneThing.ContractTemplates.Cases.ContractCaseJson.Parse(c.CaseJson);
            throw new ApiProblemException(e.Status, e.Title, e.Message, e.Code, new Dictionary<string, object?>
            {
                ["caseStatus"] = c.Status.ToString(),
                ["centreName"] = data.Centre.Name,
                ["centrePhone"] = data.Centre.Phone,
            });
        }
        await db.Entry(signingCase).Collection(c => c.Documents).LoadAsync(ct);
        var facts = CaseFacts.Of(signingCase);
        var waiting = SigningTurns.WaitingFor(signingCase, party).Select(p => p.Role).ToList();
        var signBy = link.ExpiresAt < signingCase.ExpiresAt ? link.ExpiresAt : signingCase.ExpiresAt;
        return new LinkLanding(facts.CentreName, facts.CentrePhone, facts.ContractNumber, facts.LoanAmountFen, facts.TermMonths, signBy,
            party.Role, signingCase.SigningOrder, waiting.Count == 0, waiting, link.RedeemedAt is not null);
    }

    /// <summary>
    /// The name + ID check. Passing it binds the code step to this client: the returned session secret
    /// (a cookie) must come with the code. Another client holding the same link must pass the check
    /// again, which moves the binding to it.
    /// </summary>
    public async Task<(CodeChallenge Challenge, string Session)> CheckIdentityAsync(string linkToken, IdentityCheckRequest request, ClientInfo client, CancellationToken ct)
    {
        var (link, party, signingCase) = await LoadUsableLinkAsync(linkToken, ct);
        var now = time.GetUtcNow();
        if (!Matches(party, request))
        {
            link.IdentityFailures++;
            var remaining = Math.Max(0, Options.MaxIdentityFailures - link.IdentityFailures);
            link.Version = Guid.NewGuid();
            timeline.Add(signingCase.Id, TimelineActions.IdentityFailed, $"party:{party.Id}", Roles.Applicant, $"{party.FieldName}: name or ID number did not match", client);
            if (remaining == 0)
            {
                link.LockedAt = now;
                OneThingMetrics.AccessLockouts.Add(1, new KeyValuePair<string, object?>("reason", "identity"));
                timeline.Add(signingCase.Id, TimelineActions.LinkLocked, $"party:{party.Id}", Roles.Applicant, $"{party.FieldName}: {Options.MaxIdentityFailures} failed identity checks", client);
            }
            await db.SaveChangesAsync(ct);
            if (remaining == 0)
            {
                CaseEventLog.AccessLocked(logger, signingCase.Id, party.FieldName, Options.MaxIdentityFailures, "failed identity checks");
                throw ApiProblemException.Locked("Too many failed identity checks: this link is locked. Ask the centre for a new link.", "link-locked");
            }
            throw new ApiProblemException(StatusCodes.Status403Forbidden, "Identity not confirmed",
                "The name or ID number does not match the case.", "identity-mismatch",
                new Dictionary<string, object?> { ["attemptsRemaining"] = remaining });
        }
        var rebound = link.IdentityVerifiedAt is not null;
        var session = AccessSecrets.NewLinkToken();
        link.IdentityVerifiedAt = now;
        link.IdentitySessionHash = AccessSecrets.Hash(session);
        link.Version = Guid.NewGuid();
        party.IdentityVerifiedAt ??= now;
        party.Version = Guid.NewGuid();
        timeline.Add(signingCase.Id, TimelineActions.IdentityVerified, $"party:{party.Id}", Roles.Applicant,
            rebound ? $"{party.FieldName} (again, on another client: the code step now belongs to it)" : party.FieldName, client);
        // A code sent moments ago stays the one to enter (the resend cooldown still guards the phone).
        if (rebound && link.CodeHash is not null && link.CodeSentAt is { } sent && now < sent + Options.CodeResendCooldown && now < link.CodeExpiresAt)
        {
            await db.SaveChangesAsync(ct);
            return (new CodeChallenge(PhoneMask.Mask(party.Phone), link.CodeExpiresAt!.Value, sent + Options.CodeResendCooldown, Options.MaxCodeAttempts), session);
        }
        return (await SendCodeAsync(link, party, signingCase, client, ct), session);
    }

    public async Task<CodeChallenge> ResendCodeAsync(string linkToken, string? session, ClientInfo client, CancellationToken ct)
    {
        var (link, party, signingCase) = await LoadUsableLinkAsync(linkToken, ct);
        RequireIdentity(link, session);
        var resendAt = (link.CodeSentAt ?? DateTimeOffset.MinValue) + Options.CodeResendCooldown;
        var now = time.GetUtcNow();
        if (now < resendAt)
        {
            var wait = (int)Math.Ceiling((resendAt - now).TotalSeconds);
            throw new ApiProblemException(StatusCodes.Status429TooManyRequests, "Too soon",
                $"A code was sent moments ago; a new one can be sent in {wait} s.", "resend-cooldown",
                new Dictionary<string, object?> { ["retryAfterSeconds"] = wait });
        }
        return await SendCodeAsync(link, party, signingCase, client, ct);
    }

    public async Task<ApplicantAccess> CheckCodeAsync(string linkToken, CodeCheckRequest request, string? session, ClientInfo client, CancellationToken ct)
    {
        var (link, party, signingCase) = await LoadUsableLinkAsync(linkToken, ct);
        RequireIdentity(link, session);
        var now = time.GetUtcNow();
        if (link.CodeHash is null)
        {
            throw ApiProblemException.Conflict("No code has been sent on this link.", "no-code");
        }
        if (link.CodeAttempts >= Options.MaxCodeAttempts)
        {
            throw ApiProblemException.Locked("Too many wrong codes: request a new code.", "code-locked");
        }
        if (now >= link.CodeExpiresAt)
        {
            throw ApiProblemException.Gone("The code has expired: request a new code.", "code-expired");
        }
        if (!AccessSecrets.HashEquals(link.CodeHash, AccessSecrets.HashCode(link.Id, (request.Code ?? "").Trim())))
        {
            link.CodeAttempts++;
            link.CodeFailures++;
            link.Version = Guid.NewGuid();
            var linkRemaining = Math.Max(0, Options.MaxCodeFailuresPerLink - link.CodeFailures);
            var remaining = Math.Min(Math.Max(0, Options.MaxCodeAttempts - link.CodeAttempts), linkRemaining);
            timeline.Add(signingCase.Id, TimelineActions.CodeFailed, $"party:{party.Id}", Roles.Applicant, party.FieldName, client);
            if (linkRemaining == 0)
            {
                link.LockedAt = now;
                OneThingMetrics.AccessLockouts.Add(1, new KeyValuePair<string, object?>("reason", "code"));
                timeline.Add(signingCase.Id, TimelineActions.LinkLocked, $"party:{party.Id}", Roles.Applicant, $"{party.FieldName}: {Options.MaxCodeFailuresPerLink} wrong codes", client);
            }
            await db.SaveChangesAsync(ct);
            if (linkRemaining == 0)
            {
                CaseEventLog.AccessLocked(logger, signingCase.Id, party.FieldName, Options.MaxCodeFailuresPerLink, "wrong codes");
                throw ApiProblemException.Locked("Too many wrong codes: this link is locked. Ask the centre for a new link.", "link-locked");
            }
            throw new ApiProblemException(StatusCodes.Status403Forbidden, "Code not accepted", "The code is wrong.", "code-mismatch",
                new Dictionary<string, object?> { ["attemptsRemaining"] = remaining });
        }
        link.RedeemedAt = now;
        link.CodeHash = null;
        // The link stays the party's way back in until they sign, but each return needs name, ID number
        // and a fresh code again: whoever merely holds the link (or a forwarded SMS) gets nothing more.
        link.IdentityVerifiedAt = null;
        link.IdentitySessionHash = null;
        link.Version = Guid.NewGuid();
        // A new link (a re-invitation) is a new access session: only its token is accepted from now on, and
        // what the party read, accepted and drew belonged to the earlier session, so it starts over. The same
        // link opened again (identity + a fresh code) resumes where the party was.
        var newSession = party.AccessLinkId != link.Id;
        var earlier = newSession && (party.AccessLinkId is not null || party.ConsentAcceptedAt is not null || party.DocumentsRead.Length > 0 || party.HandwritingPng is not null);
        party.AccessLinkId = link.Id;
        if (newSession)
        {
            party.ConsentAcceptedAt = null;
            party.ConsentTextHash = null;
            party.HandwritingPng = null;
            party.DocumentsRead = "";
        }
        party.Version = Guid.NewGuid();
        timeline.Add(signingCase.Id, TimelineActions.AccessGranted, $"party:{party.Id}", Roles.Applicant,
            earlier ? $"{party.FieldName}: new session; reads, consent and handwriting of the earlier session no longer count" : party.FieldName, client);
        await db.SaveChangesAsync(ct);
        var token = tokens.Issue(signingCase.Id, party.Id, link.Id);
        return new ApplicantAccess(token.AccessToken, token.TokenType, token.ExpiresAt, signingCase.Id, party.Id, party.FieldName);
    }

    private async Task<CodeChallenge> SendCodeAsync(AccessLink link, CaseParty party, SigningCase signingCase, ClientInfo client, CancellationToken ct)
    {
        if (link.CodesSent >= Options.MaxCodesPerLink)
        {
            throw ApiProblemException.Locked($"This link has already sent {link.CodesSent} codes, the most it may. Ask the centre for a new link.", "code-send-limit");
        }
        var now = time.GetUtcNow();
        var code = AccessSecrets.NewCode();
        link.CodeHash = AccessSecrets.HashCode(link.Id, code);
        link.CodeSentAt = now;
        link.CodeExpiresAt = now + Options.CodeLifetime;
        link.CodeAttempts = 0;
        link.CodesSent++;
        link.Version = Guid.NewGuid();
        timeline.Add(signingCase.Id, TimelineActions.CodeSent, $"party:{party.Id}", Roles.Applicant, $"{party.FieldName} → {PhoneMask.Mask(party.Phone)}", client);
        // Commit before sending: a code the database does not know could never be accepted.
        await db.SaveChangesAsync(ct);
        await sms.SendAsync(party.Phone, texts.Code(code, Options.CodeLifetime), ct);
        return new CodeChallenge(PhoneMask.Mask(party.Phone), link.CodeExpiresAt.Value, now + Options.CodeResendCooldown, Options.MaxCodeAttempts);
    }

    private async Task<(AccessLink Link, CaseParty Party, SigningCase Case)> LoadUsableLinkAsync(string linkToken, CancellationToken ct)
    {
        var hash = AccessSecrets.Hash(linkToken ?? "");
        var link = await db.AccessLinks.SingleOrDefaultAsync(l => l.TokenHash == hash, ct)
            ?? throw ApiProblemException.NotFound("The signing link");
        var signingCase = await db.Cases.Include(c => c.Parties).SingleAsync(c => c.Id == link.CaseId, ct);
        var party = signingCase.Parties.Single(p => p.Id == link.PartyId);
        var now = time.GetUtcNow();
        if (link.LockedAt is not null) throw ApiProblemException.Locked("This link is locked after too many failed identity checks or wrong codes. Ask the centre for a new link.", "link-locked");
        if (now >= link.ExpiresAt) throw ApiProblemException.Gone("This link has expired. Ask the centre for a new link.", "link-expired");
        if (now >= signingCase.ExpiresAt || signingCase.Status == CaseStatus.Expired) throw ApiProblemException.Gone("The signing period of this case has ended.", "case-expired");
        if (signingCase.Status == CaseStatus.Declined) throw ApiProblemException.Conflict("This case was declined and can no longer be signed.", "case-declined");
        if (party.Status == PartyStatus.Signed) throw ApiProblemException.Conflict("You have already signed this case.", "already-signed");
        return (link, party, signingCase);
    }

    /// <summary>The code step belongs to the client that passed the name + ID check: it must present that check's session secret.</summary>
    private static void RequireIdentity(AccessLink link, string? session)
    {
        if (link.IdentityVerifiedAt is null || link.IdentitySessionHash is null || string.IsNullOrEmpty(session)
            || !AccessSecrets.HashEquals(link.IdentitySessionHash, AccessSecrets.Hash(session)))
        {
            throw ApiProblemException.Conflict("Confirm your name and ID number on this device first.", "identity-not-verified");
        }
    }

    private static bool Matches(CaseParty party, IdentityCheckRequest request) =>
        string.Equals((request.Name ?? "").Trim(), party.Name, StringComparison.Ordinal)
        && string.Equals((request.IdNumber ?? "").Trim().ToUpperInvariant(), party.IdNumber.ToUpperInvariant(), StringComparison.Ordinal);
}
