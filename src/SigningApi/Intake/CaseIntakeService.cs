using OneThing.SigningApi.Core.Telemetry;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneThing.ContractTemplates.Cases;
using OneThing.ContractTemplates.Rendering;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;
using OneThing.Storage.Documents;

namespace OneThing.SigningApi.Intake;

/// <summary>
/// Opens a case from an approved loan: validates everything (every problem by path), renders each
/// document, stores the originals, and invites the signers. Idempotent by application number: the
/// same intake again returns the existing case; different data under the same number is refused.
/// </summary>
public sealed class CaseIntakeService(
    SigningDbContext db,
    ContractDocumentRenderer renderer,
    CaseDocumentFiles files,
    ISignerLinks links,
    ISmsSender sms,
    CaseTimeline timeline,
    CaseStatusChanges statusChanges,
    IOptions<IntakeOptions> options,
    CentreDirectory centres,
    TimeProvider time,
    ILogger<CaseIntakeService> logger)
{
    public sealed record Outcome(SigningCase Case, bool Created);

    public async Task<Outcome> OpenAsync(CaseIntakeRequest request, System.Security.Claims.ClaimsPrincipal caller, ClientInfo client, CancellationToken ct)
    {
        var (contractCase, order, days) = Validate(request, centres);
        var intakeHash = IntakeHash(contractCase, request.BankCode!, order, days);

        var existing = await FindExistingAsync(contractCase.CaseNumber, intakeHash, ct);
        if (existing is not null) return new Outcome(existing, false);

        var now = time.GetUtcNow();
        var signingCase = new SigningCase
        {
            Id = Guid.NewGuid(),
            ApplicationNumber = contractCase.CaseNumber,
            CentreCode = contractCase.Centre.Code,
            BankCode = request.BankCode!,
            Status = CaseStatus.Opened,
            SigningOrder = order,
            AutoSeal = options.Value.AutoSealCentres.Contains(contractCase.Centre.Code),
            CaseJson = ContractCaseJson.Serialize(contractCase),
            IntakeHash = intakeHash,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now.AddDays(days),
            Version = Guid.NewGuid(),
        };
        signingCase.Parties.AddRange(PartiesOf(contractCase, signingCase.Id));
        var actor = caller.SubjectOf();
        timeline.Add(signingCase.Id, TimelineActions.CaseOpened, actor, Roles.ApprovalSystem, $"application {signingCase.ApplicationNumber}, {order} signing", client);

        foreach (var kind in DocumentKinds.All)
        {
            RenderedDocument rendered;
            using (OneThingActivity.Start("render", signingCase.Id, kind))
            {
                rendered = renderer.Render(contractCase, kind);
            }
            var document = new CaseDocument
            {
                Id = Guid.NewGuid(),
                CaseId = signingCase.Id,
                Kind = kind,
                DocumentId = rendered.DocumentId,
                TemplateId = rendered.TemplateId,
                TemplateVersion = rendered.TemplateVersion,
                TemplateHash = rendered.TemplateHash,
                PageCount = rendered.PageCount,
                SignatureFieldsJson = JsonSerializer.Serialize(rendered.SignatureFields),
                Revision = 0,
                ObjectKey = "",
                Sha256 = "",
            };
            signingCase.Documents.Add(document);
            // Object first; its catalog row commits below with the case.
            await files.StageNextRevisionAsync(signingCase, document, rendered.Pdf, ct);
            timeline.Add(signingCase.Id, TimelineActions.DocumentRendered, actor, Roles.ApprovalSystem,
                $"{kind} {rendered.DocumentId} template {rendered.TemplateId}@{rendered.TemplateVersion} sha256 {document.Sha256}", client);
        }
        db.Cases.Add(signingCase);

        // In a sequential case the later signers are invited when their turn comes (when the one before them signs).
        var invitations = new List<(CaseParty Party, Uri Url)>();
        foreach (var party in SigningTurns.InvitedAtIntake(signingCase))
        {
            var url = links.CreateLink(signingCase, party);
            invitations.Add((party, url));
            timeline.Add(signingCase.Id, TimelineActions.SignerInvited, actor, Roles.ApprovalSystem, $"{party.FieldName} → {PhoneMask.Mask(party.Phone)}", client);
        }

        // Opened → AwaitingSignatures with CaseOpened/SignerInvited in the outbox, committed with the case.
        statusChanges.Opened(signingCase, actor, Roles.ApprovalSystem);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // A concurrent intake of the same application committed first (unique application number).
            db.ChangeTracker.Clear();
            var winner = await FindExistingAsync(contractCase.CaseNumber, intakeHash, ct);
            if (winner is null) throw;
            logger.LogInformation("Intake of {Application} raced and lost ({Error}); returning the committed case", contractCase.CaseNumber, e.InnerException?.Message);
            return new Outcome(winner, false);
        }

        foreach (var (party, url) in invitations)
        {
            await sms.SendAsync(party.Phone, links.InvitationText(signingCase, url), ct);
        }
        return new Outcome(signingCase, true);
    }

    private async Task<SigningCase?> FindExistingAsync(string applicationNumber, string intakeHash, CancellationToken ct)
    {
        var existing = await db.Cases.Include(c => c.Parties).Include(c => c.Documents).AsNoTracking()
            .SingleOrDefaultAsync(c => c.ApplicationNumber == applicationNumber, ct);
        if (existing is null) return null;
        if (existing.IntakeHash != intakeHash)
        {
            throw ApiProblemException.Conflict(
                $"Application {applicationNumber} was already opened with different data; a changed case needs a new application number.",
                "application-number-conflict");
        }
        return existing;
    }

    /// <summary>Every check of an intake request, before anything is written (internal: the fuzz harness drives it directly).</summary>
    internal static (ContractCase Case, SigningOrder Order, int Days) Validate(CaseIntakeRequest request, CentreDirectory centres)
    {
        var problems = new List<(string, string)>();
        ContractCase? contractCase = null;
        if (request.Case.ValueKind != JsonValueKind.Object)
        {
            problems.Add(("case", "is required (the contract case object)"));
        }
        else if (RawText(request.Case) is not { } caseJson)
        {
            problems.Add(("case", "cannot be read: a string in it is not valid UTF-8 text"));
        }
        else
        {
            try
            {
                contractCase = ContractCaseJson.Parse(caseJson);
                problems.AddRange(new ContractCaseValidator().Validate(contractCase).Select(p => ($"case.{p.Path}", p.Message)));
                if (problems.Count == 0 && !DocumentKey.IsValidSegment(contractCase.Centre.Code))
                    problems.Add(("case.centre.code", "must be letters, digits, '.', '_' or '-' (it names the storage folder)"));
                // The code scopes the case (and so its keys): a case must name a centre this service serves, by its configured name.
                if (problems.Count == 0)
                {
                    var configuredName = centres.NameOf(contractCase.Centre.Code);
                    if (configuredName is null)
                        problems.Add(("case.centre.code", $"'{contractCase.Centre.Code}' is not a centre this service signs for"));
                    else if (!string.Equals(contractCase.Centre.Name, configuredName, StringComparison.Ordinal))
                        problems.Add(("case.centre.name", $"does not match the name configured for centre {contractCase.Centre.Code}"));
                }
            }
            catch (ContractCaseValidationException e)
            {
                problems.AddRange(e.Problems.Select(p => (p.Path == "$" ? "case" : $"case.{p.Path}", p.Message)));
            }
        }
        if (string.IsNullOrWhiteSpace(request.BankCode)) problems.Add(("bankCode", "is required (the entrusted bank's code)"));
        else if (request.BankCode.Length > 64) problems.Add(("bankCode", "must be at most 64 characters"));
        var days = request.SigningDays ?? 14;
        if (days is < 1 or > SigningPeriod.MaxDays) problems.Add(("signingDays", $"must be between 1 and {SigningPeriod.MaxDays}"));
        if (problems.Count > 0) throw RequestValidationException.From(problems);
        return (contractCase!, request.SigningOrder ?? SigningOrder.Parallel, days);
    }

    /// <summary>
    /// The case object's JSON text, or null when a string in it is not UTF-8: the JSON reader checks the text
    /// inside strings only when it transcodes them, which happens here (found by fuzzing: it was a 500).
    /// </summary>
    private static string? RawText(JsonElement element)
    {
        try
        {
            return element.GetRawText();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static IEnumerable<CaseParty> PartiesOf(ContractCase c, Guid caseId)
    {
        yield return NewParty(caseId, "Borrower", SignatureRoles.Borrower, 1, c.Borrower);
        for (var i = 0; i < c.CoBorrowers.Count; i++)
        {
            yield return NewParty(caseId, $"CoBorrower{i + 1}", SignatureRoles.CoBorrower, i + 2, c.CoBorrowers[i]);
        }
    }

    private static CaseParty NewParty(Guid caseId, string field, string role, int order, Party p) => new()
    {
        Id = Guid.NewGuid(),
        CaseId = caseId,
        FieldName = field,
        Role = role,
        SigningOrder = order,
        Name = p.Name,
        IdNumber = p.IdNumber,
        Phone = p.Phone,
        Status = PartyStatus.Invited,
        Version = Guid.NewGuid(),
    };

    private static string IntakeHash(ContractCase c, string bankCode, SigningOrder order, int days) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{ContractCaseJson.Serialize(c)}\n{bankCode}\n{order}\n{days}")));
}
