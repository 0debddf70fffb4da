using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneThing.Seal.Pki;
using OneThing.Seal.Signing.Appearances;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;


namespace OneThing.SigningApi.ApplicantSigning;

/// <summary>
/// An applicant's steps on their own case: consent, handwriting, sign, decline. Every check runs
/// before anything is written; the signature, the new revisions and the party's state commit
/// together under optimistic concurrency, so a second sign of the same field cannot also succeed.
/// </summary>
public sealed class ApplicantSigningService(
    SigningDbContext db,
    CaseAccess access,
    CaseDocumentSigner signer,
    CentrePkis pkis,
    IOptions<ApplicantSigningOptions> options,
    CaseTimeline timeline,
    CaseStatusChanges statusChanges,
    PendingDeviceSignatures pending,
    DeviceKeyChallenges challenges,
    CaseSigningGate gate,
    ISignerLinks links,
    ISmsSender sms,
    TimeProvider time,
    ILogger<ApplicantSigningService> logger) : IDocumentReadReceipts
{
    public ConsentView Consent() => new(options.Value.ConsentText);

    public async Task AcceptConsentAsync(Guid caseId, ClaimsPrincipal user, ConsentRequest request, ClientInfo client, CancellationToken ct)
    {
        var (c, party) = await LoadOwnAsync(caseId, user, ct);
        await EnsureSignableAsync(c, party, client, ct);
        // Exact comparison: the applicant must have sent back precisely the text shown (no trimming, no normalisation).
        if (!string.Equals(request.Text, options.Value.ConsentText, StringComparison.Ordinal))
        {
            throw RequestValidationException.From([("text", "does not match the consent text exactly; send it back unchanged")]);
        }
        party.ConsentAcceptedAt = time.GetUtcNow();
        party.ConsentTextHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.Text)));
        party.Version = Guid.NewGuid();
        timeline.Add(c.Id, TimelineActions.ConsentAccepted, user.SubjectOf(), Roles.Applicant, $"{party.FieldName} sha256 {party.ConsentTextHash}", client);
        await db.SaveChangesAsync(ct);
    }

    public async Task StoreHandwritingAsync(Guid caseId, ClaimsPrincipal user, byte[] png, ClientInfo client, CancellationToken ct)
    {
        var (c, party) = await LoadOwnAsync(caseId, user, ct);
        await EnsureSignableAsync(c, party, client, ct);
        if (png.Length > options.Value.MaxHandwritingBytes)
            throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, "Image too large", $"The signature image is {png.Length} bytes; at most {options.Value.MaxHandwritingBytes}.", "image-too-large");
        if (PngImage.Problem(png) is { } problem)
            throw ApiProblemException.BadRequest($"The signature image {problem}.", "invalid-image");
        // Decoded in full now, so a damaged image is refused here rather than when the applicant signs.
        if (HandwritingImage.Problem(png) is { } undecodable)
            throw ApiProblemException.BadRequest($"The signature image cannot be used: {undecodable}.", "invalid-image");
        party.HandwritingPng = png;
        party.Version = Guid.NewGuid();
        timeline.Add(c.Id, TimelineActions.HandwritingReceived, user.SubjectOf(), Roles.Applicant,
            $"{party.FieldName} PNG {png.Length} bytes sha256 {Convert.ToHexStringLower(SHA256.HashData(png))}", client);
        await db.SaveChangesAsync(ct);
    }

    public async Task<SigningResult> SignAsync(Guid caseId, ClaimsPrincipal user, ClientInfo client, CancellationToken ct)
    {
        await using var turn = await gate.EnterAsync(caseId, ct);
        var (c, party) = await LoadReadyToSignAsync(caseId, user, client, ct);

        // The applicant's short-lived event certificate: issued only now, after identity, code and consent.
        using var key = pkis.For(c.CentreCode).Pki.IssueSignerKey(party.Name, party.IdNumber);
        // Visible: the uploaded handwriting above the applicant's name and the signing time (UTC+8).
        var documents = await signer.SignAllAsync(turn, c, SignatureRole.Applicant, party.FieldName, key, party.Name, SignReason,
            new HandwrittenSignatureAppearance(party.HandwritingPng!, party.Name), sealAtLta: false, ct);
        var result = await RecordSignedAsync(c, party, documents, user, client, ct);
        // Signed on the server instead: a device state prepared earlier is abandoned.
        await pending.AbandonAsync(c.Id, party.Id, CancellationToken.None);
        return result;
    }

    /// <summary>A challenge the device signs with its key, so prepare knows the caller holds the key it wants certified.</summary>
    public async Task<DeviceKeyChallengeView> DeviceKeyChallengeAsync(Guid caseId, ClaimsPrincipal user, ClientInfo client, CancellationToken ct)
    {
        var (c, party) = await LoadReadyToSignAsync(caseId, user, client, ct);
        EnsureDeviceSigningSupported(c);
        return challenges.Issue(c.Id, party.Id, SessionOf(user));
    }

    /// <summary>
    /// Two-phase signing, step 1: the same checks as <see cref="SignAsync"/>, proof that the caller
    /// holds the device key (its signature over a server challenge), then one certificate for this
    /// prepared state — binding name and ID number to the device key, valid no longer than the signing
    /// window — and a placeholder revision per document whose signed-attributes digest the device signs.
    /// A state replaced, expired or abandoned has its certificate revoked (<see cref="PendingDeviceSignatures"/>).
    /// </summary>
    public async Task<DeviceSigningPrepared> PrepareDeviceSigningAsync(Guid caseId, ClaimsPrincipal user, DeviceSigningPrepareRequest request, ClientInfo client, CancellationToken ct)
    {
        var publicKey = DevicePublicKey.Parse(request.PublicKey);
        var (c, party) = await LoadReadyToSignAsync(caseId, user, client, ct);
        EnsureDeviceSigningSupported(c);
        var pki = pkis.For(c.CentreCode).Pki;
        challenges.Verify(c.Id, party.Id, SessionOf(user), publicKey, request.Challenge, request.Proof);
        var window = options.Value.DeviceSigningWindow;
        var certificate = pki.IssueSignerCertificate(party.Name, party.IdNumber, publicKey, window);
        IReadOnlyList<(PreparedDocument Document, Seal.Signing.External.PreparedSignature Prepared)> prepared;
        try
        {
            prepared = await signer.PrepareAllAsync(c, party.FieldName, certificate, party.Name, SignReason,
                new HandwrittenSignatureAppearance(party.HandwritingPng!, party.Name), ct);
        }
        catch
        {
            // No state will ever hold this certificate: it must not stay valid.
            pki.Revoke(certificate.SerialNumber, Seal.Pki.Revocation.RevocationReason.CessationOfOperation);
            throw;
        }
        var expiresAt = Min(time.GetUtcNow() + window, certificate.NotAfter.ToUniversalTime());
        var stateId = await pending.AddAsync(new PendingDeviceSignature(c.Id, party.Id, certificate, expiresAt, [.. prepared.Select(p => p.Document)]), ct);
        timeline.Add(c.Id, TimelineActions.DeviceSigningPrepared, user.SubjectOf(), Roles.Applicant,
            $"{party.FieldName}: certificate {certificate.SerialNumber.ToString(16)} for the device key, valid until {certificate.NotAfter:O}", client);
        await db.SaveChangesAsync(ct);
        return new DeviceSigningPrepared(stateId, Convert.ToBase64String(certificate.GetEncoded()), expiresAt,
            [.. prepared.Select(p => new DocumentToSign(p.Document.Kind, p.Document.Revision, Convert.ToBase64String(p.Prepared.DigestToSign), Convert.ToBase64String(p.Prepared.SignedAttributes)))]);
    }

    /// <summary>
    /// Two-phase signing takes an ECDSA P-256 key from the device (WebCrypto, which has no SM2): a device would have to
    /// make the SM2 value over SM3(Z ‖ attributes) itself, which browsers cannot. An sm2 centre's applicants sign on the server.
    /// </summary>
    private void EnsureDeviceSigningSupported(SigningCase c)
    {
        if (pkis.For(c.CentreCode) == pkis.Sm2)
            throw ApiProblemException.Conflict(
                "This centre signs with SM2 (国密); signing with a key held on the device takes ECDSA P-256 keys only (browsers' WebCrypto has no SM2). Sign on the server instead (POST /api/v1/cases/{id}/sign).",
                "device-signing-not-for-sm2");
    }

    /// <summary>The access session (link) of an applicant token: challenges are bound to it.</summary>
    private static string SessionOf(ClaimsPrincipal user) => user.FindFirst(OneThingClaims.Link)?.Value ?? "";

    /// <summary>Two-phase signing, step 2: the device's signature values become B-T signatures; the same rules as <see cref="SignAsync"/>.</summary>
    public async Task<SigningResult> CompleteDeviceSigningAsync(Guid caseId, ClaimsPrincipal user, DeviceSigningCompleteRequest request, ClientInfo client, CancellationToken ct)
    {
        // JSON null entries bind as null elements; refuse them as input before anything dereferences them.
        var nulls = (request.Signatures ?? []).Select((v, i) => (v, i)).Where(x => x.v is null)
            .Select(x => ($"signatures[{x.i}]", "must be an object with kind and signatureValue, not null")).ToList();
        if (nulls.Count > 0) throw RequestValidationException.From(nulls);
        await using var turn = await gate.EnterAsync(caseId, ct);
        var (c, party) = await LoadReadyToSignAsync(caseId, user, client, ct);
        var state = await pending.FindAsync(request.StateId ?? "", ct);
        if (state is null || state.CaseId != c.Id || state.PartyId != party.Id)
            throw ApiProblemException.Conflict("No prepared signature with this state id (expired, already used, or prepared elsewhere); prepare again.", "signing-state-unknown");
        // Concurrency: the placeholders were built on specific revisions; any newer revision voids them.
        foreach (var d in state.Documents)
        {
            var current = c.Documents.Single(x => x.Kind == d.Kind);
            if (current.Revision != d.Revision || current.Sha256 != d.Sha256)
                throw ApiProblemException.Conflict($"{d.Kind} changed since the signature was prepared; prepare again.", "signing-state-stale");
        }
        var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var v in request.Signatures ?? [])
        {
            if (!state.Documents.Any(d => d.Kind == v.Kind)) throw RequestValidationException.From([("signatures", $"unknown document kind '{v.Kind}'")]);
            try
            {
                values[v.Kind] = Convert.FromBase64String(v.SignatureValue ?? "");
            }
            catch (FormatException)
            {
                throw RequestValidationException.From([("signatures", $"the value for {v.Kind} is not base64")]);
            }
        }
        var missing = state.Documents.Select(d => d.Kind).Where(k => !values.ContainsKey(k)).ToList();
        if (missing.Count > 0) throw RequestValidationException.From([("signatures", $"a signature value is required for: {string.Join(", ", missing)}")]);

        IReadOnlyList<SignedDocumentView> documents;
        try
        {
            documents = await signer.CompleteAllAsync(turn, c, state.Documents, state.Certificate, values, ct);
        }
        catch (OneThing.Seal.Signing.SigningException e)
        {
            throw ApiProblemException.BadRequest($"The signature could not be completed: {e.Message}.", "invalid-signature-value");
        }
        var result = await RecordSignedAsync(c, party, documents, user, client, ct);
        await pending.RemoveAsync(request.StateId!, CancellationToken.None);
        return result;
    }

    private const string SignReason = "借款人签署 / signed by the applicant";

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>Every rule a signature must pass before anything is written: case state, consent, handwriting, documents read, order.</summary>
    private async Task<(SigningCase Case, CaseParty Party)> LoadReadyToSignAsync(Guid caseId, ClaimsPrincipal user, ClientInfo client, CancellationToken ct)
    {
        var (c, party) = await LoadOwnAsync(caseId, user, ct);
        await EnsureSignableAsync(c, party, client, ct);
        if (party.ConsentAcceptedAt is null) throw ApiProblemException.Conflict("Accept the consent text before signing.", "consent-required");
        if (party.HandwritingPng is null) throw ApiProblemException.Conflict("Send your handwritten signature before signing.", "handwriting-required");
        var unread = c.Documents.Select(d => d.Kind).Except(ReadKinds(c, party)).ToList();
        if (unread.Count > 0) throw ApiProblemException.Conflict($"Read every document before signing; not yet opened: {string.Join(", ", unread)}.", "documents-not-read");
        var before = SigningTurns.WaitingFor(c, party);
        if (before.Count > 0) throw ApiProblemException.Conflict($"This case is signed in order; waiting for: {string.Join(", ", before.Select(p => p.FieldName))}.", "not-your-turn");
        return (c, party);
    }

    private async Task<SigningResult> RecordSignedAsync(SigningCase c, CaseParty party, IReadOnlyList<SignedDocumentView> documents, ClaimsPrincipal user, ClientInfo client, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        party.Status = PartyStatus.Signed;
        party.SignedAt = now;
        party.Version = Guid.NewGuid();
        // DocumentSigned events; the last signer moves the case to AwaitingCountersign (through the state machine).
        statusChanges.Signed(c, party, documents, user.SubjectOf(), Roles.Applicant, client);
        // In a sequential case the next signer's link is made now, committed with this signature, and sent below.
        var invitations = SigningTurns.TurnCameBy(c, party).Select(next =>
        {
            var url = links.CreateLink(c, next);
            statusChanges.Invited(c, next);
            timeline.Add(c.Id, TimelineActions.SignerInvited, WorkflowActors.Workflow, WorkflowActors.SystemRole,
                $"{next.FieldName} → {PhoneMask.Mask(next.Phone)}: their turn after {party.FieldName} signed", client: null);
            return (Party: next, Text: links.InvitationText(c, url));
        }).ToList();
        await db.SaveChangesAsync(ct);
        CaseEventLog.SignatureMade(logger, c.Id, party.FieldName, Roles.Applicant, documents.Count);
        foreach (var (next, text) in invitations) await SendTurnInvitationAsync(c, next, text);
        return new SigningResult(c.Id, party.FieldName, c.Status, documents);
    }

    /// <summary>
    /// After the commit, and not cancelled with the request: the signature stands whatever happens here, so
    /// a failed send is logged for the officer (who can send a new link from the console) rather than
    /// turning a completed signature into an error for the person who just signed.
    /// </summary>
    private async Task SendTurnInvitationAsync(SigningCase c, CaseParty next, string text)
    {
        try
        {
            await sms.SendAsync(next.Phone, text, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Case {Case}: the signing link for {Field} (their turn) could not be sent; a new link can be sent from the console", c.Id, next.FieldName);
        }
    }

    public async Task<CaseView> DeclineAsync(Guid caseId, ClaimsPrincipal user, DeclineRequest request, ClientInfo client, CancellationToken ct)
    {
        var reason = (request.Reason ?? "").Trim();
        if (reason.Length is 0 or > 500) throw RequestValidationException.From([("reason", "is required (1 to 500 characters)")]);
        var (c, party) = await LoadOwnAsync(caseId, user, ct);
        await EnsureSignableAsync(c, party, client, ct);
        var now = time.GetUtcNow();
        party.Status = PartyStatus.Declined;
        party.DeclinedAt = now;
        party.DeclineReason = reason;
        party.Version = Guid.NewGuid();
        statusChanges.Declined(c, party, reason, user.SubjectOf(), Roles.Applicant, client);
        await db.SaveChangesAsync(ct);
        await pending.AbandonAsync(c.Id, party.Id, CancellationToken.None);
        return c.ToView();
    }

    /// <summary>
    /// Records that the applicant opened a document in this access session: which revision and its
    /// SHA-256 go into the mark and the timeline, so the record says exactly what was read. Signing
    /// requires a mark for every document; revisions after the one read only append signatures.
    /// </summary>
    public async Task MarkReadAsync(SigningCase c, ClaimsPrincipal user, string kind, ClientInfo client, CancellationToken ct)
    {
        var party = c.Parties.Single(p => p.Id == user.PartyOf());
        var document = c.Documents.Single(d => d.Kind == kind);
        if (ReadMarks(party).Any(m => m.Kind == kind && m.Revision == document.Revision)) return;
        party.DocumentsRead = string.Join(',', ReadMarks(party).Where(m => m.Kind != kind).Select(m => $"{m.Kind}@{m.Revision}").Append($"{kind}@{document.Revision}"));
        party.Version = Guid.NewGuid();
        timeline.Add(c.Id, TimelineActions.DocumentRead, user.SubjectOf(), Roles.Applicant, $"{party.FieldName} opened {kind} r{document.Revision} sha256 {document.Sha256}", client);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The session's read marks; entries without a revision (written before marks named one) count as unread.</summary>
    private static IEnumerable<(string Kind, int Revision)> ReadMarks(CaseParty party) =>
        party.DocumentsRead.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(m => m.Split('@'))
            .Where(p => p.Length == 2 && int.TryParse(p[1], System.Globalization.CultureInfo.InvariantCulture, out _))
            .Select(p => (p[0], int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Documents read in this session at their current revision or an earlier one (later revisions add signatures only).</summary>
    private static IEnumerable<string> ReadKinds(SigningCase c, CaseParty party) =>
        c.Documents.Where(d => ReadMarks(party).Any(m => m.Kind == d.Kind && m.Revision <= d.Revision)).Select(d => d.Kind);

    private async Task<(SigningCase Case, CaseParty Party)> LoadOwnAsync(Guid caseId, ClaimsPrincipal user, CancellationToken ct)
    {
        var c = await access.LoadToActAsAsync(caseId, user, Roles.Applicant, ct);
        var party = c.Parties.SingleOrDefault(p => p.Id == user.PartyOf()) ?? throw ApiProblemException.NotFound($"Case {caseId}");
        return (c, party);
    }

    private async Task EnsureSignableAsync(SigningCase c, CaseParty party, ClientInfo client, CancellationToken ct)
    {
        if (c.Status == CaseStatus.AwaitingSignatures && time.GetUtcNow() >= c.ExpiresAt)
        {
            statusChanges.Expired(c, client);
            await db.SaveChangesAsync(ct);
        }
        switch (c.Status)
        {
            case CaseStatus.Expired: throw ApiProblemException.Gone("The signing period of this case has ended.", "case-expired");
            case CaseStatus.Declined: throw ApiProblemException.Conflict("This case was declined and can no longer be signed.", "case-declined");
        }
        if (party.Status == PartyStatus.Signed) throw ApiProblemException.Conflict("You have already signed this case.", "already-signed");
        if (c.Status != CaseStatus.AwaitingSignatures) throw ApiProblemException.Conflict($"The case is {c.Status}; applicants can no longer act on it.", "not-awaiting-signatures");
    }
}
