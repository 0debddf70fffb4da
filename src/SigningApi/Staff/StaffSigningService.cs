using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OneThing.ContractTemplates.Rendering;
using OneThing.Seal.Pki;
using OneThing.Seal.Signing.Appearances;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Staff;

/// <summary>
/// The centre's steps once every applicant has signed: the loan officer's countersignature
/// (field <c>LoanOfficer</c>, the officer's own key) and the centre seal (field <c>CentreSeal</c>,
/// the centre's seal key, locking all fields, taken to PAdES B-LTA). A centre whose policy is
/// automatic sealing gets the seal right after the countersignature.
/// </summary>
public sealed class StaffSigningService(
    SigningDbContext db,
    CaseAccess access,
    CaseDocumentSigner signer,
    CentrePkis pkis,
    CaseStatusChanges statusChanges,
    CaseSigningGate gate,
    CentreDirectory centres,
    ILogger<StaffSigningService> logger)
{
    public const string OfficerField = "LoanOfficer";
    public const string SealField = "CentreSeal";

    public async Task<SigningResult> CountersignAsync(Guid caseId, ClaimsPrincipal user, ClientInfo client, CancellationToken ct)
    {
        await using var turn = await gate.EnterAsync(caseId, ct);
        var c = await access.LoadToActAsAsync(caseId, user, Roles.LoanOfficer, ct);
        if (c.Status != CaseStatus.AwaitingCountersign)
        {
            // A retry whose first attempt committed but whose answer was lost (a database restart between the two) finds the step done by its caller.
            if (await StepDoneByAsync(c, CaseStatus.AwaitingSeal, user.SubjectOf(), ct)) return AlreadyDone(c, c.AutoSeal ? SealField : OfficerField);
            throw ApiProblemException.Conflict($"The case is {c.Status}; countersigning needs every applicant's signature first (AwaitingCountersign).", "not-awaiting-countersign");
        }
        var centreName = CentreNameOf(c);
        var officer = pkis.For(c.CentreCode).Pki.Officers.FirstOrDefault(o => o.OfficerId == user.SubjectOf() && o.CentreName == centreName)
            ?? throw ApiProblemException.Conflict($"No countersigning key is provisioned for officer '{user.SubjectOf()}' of {centreName}.", "no-officer-key");

        var documents = await signer.SignAllAsync(turn, c, SignatureRole.Officer, OfficerField, officer.Key, officer.Name, "经办人审核会签 / countersigned by the loan officer",
            new SignerNameAppearance("经办人", officer.Name), sealAtLta: false, ct);
        statusChanges.Countersigned(c, documents, user.SubjectOf(), Roles.LoanOfficer, client);

        var countersigned = documents.Count;
        if (c.AutoSeal)
        {
            documents = await SealDocumentsAsync(turn, c, "policy:auto-seal", "system", client, ct);
        }
        await db.SaveChangesAsync(ct);
        CaseEventLog.SignatureMade(logger, c.Id, OfficerField, Roles.LoanOfficer, countersigned);
        if (c.AutoSeal) CaseEventLog.SealApplied(logger, c.Id, documents.Count, "system");
        return new SigningResult(c.Id, c.AutoSeal ? SealField : OfficerField, c.Status, documents);
    }

    public async Task<SigningResult> SealAsync(Guid caseId, ClaimsPrincipal user, ClientInfo client, CancellationToken ct)
    {
        await using var turn = await gate.EnterAsync(caseId, ct);
        var c = await access.LoadToActAsAsync(caseId, user, Roles.SealOfficer, ct);
        if (c.Status != CaseStatus.AwaitingSeal)
        {
            if (await StepDoneByAsync(c, CaseStatus.Sealed, user.SubjectOf(), ct)) return AlreadyDone(c, SealField);
            throw ApiProblemException.Conflict($"The case is {c.Status}; the seal goes on after the loan officer's countersignature (AwaitingSeal).", "not-awaiting-seal");
        }
        await EnsureNotCountersignedByAsync(c, user.SubjectOf(), ct);
        var documents = await SealDocumentsAsync(turn, c, user.SubjectOf(), Roles.SealOfficer, client, ct);
        await db.SaveChangesAsync(ct);
        CaseEventLog.SealApplied(logger, c.Id, documents.Count, Roles.SealOfficer);
        return new SigningResult(c.Id, SealField, c.Status, documents);
    }

    private async Task<IReadOnlyList<SignedDocumentView>> SealDocumentsAsync(CaseTurn turn, SigningCase c, string actor, string role, ClientInfo client, CancellationToken ct)
    {
        var centreName = CentreNameOf(c);
        var family = pkis.For(c.CentreCode);
        var seal = family.Pki.Seals.FirstOrDefault(s => s.CentreName == centreName)
            ?? throw ApiProblemException.Conflict($"No seal key is provisioned for {centreName}.", "no-seal-key");
        // An sm2 centre's seal is also its GB/T 38540 seal: its picture is the appearance, an SES_Signature goes beside the CMS.
        var documents = await signer.SignAllAsync(turn, c, SignatureRole.Seal, SealField, seal.Key, seal.CentreName, "电子印章 / centre seal",
            new CentreSealAppearance(seal.CentreName, seal.SealCode), sealAtLta: true, ct, family.ElectronicSealOf(centreName));
        statusChanges.Sealed(c, documents, seal.SealCode, actor, role, client);
        return documents;
    }

    private Task<bool> StepDoneByAsync(SigningCase c, CaseStatus reached, string subject, CancellationToken ct) =>
        db.Set<CaseTransition>().AsNoTracking().AnyAsync(t => t.CaseId == c.Id && t.To == reached && t.Actor == subject, ct);

    /// <summary>The step's answer as the case now stands: its documents' current revisions (no certificate serial: nothing was signed now).</summary>
    private static SigningResult AlreadyDone(SigningCase c, string field) => new(c.Id, field, c.Status,
        [.. c.Documents.Where(d => DocumentKinds.All.Contains(d.Kind)).OrderBy(d => d.Kind, StringComparer.Ordinal).Select(d => new SignedDocumentView(d.Kind, d.Revision, d.Sha256, null))]);

    /// <summary>
    /// Separation of duties: the seal is the centre's second pair of eyes, so the person who countersigned
    /// a case cannot also seal it, whatever roles their account holds.
    /// </summary>
    private async Task EnsureNotCountersignedByAsync(SigningCase c, string subject, CancellationToken ct)
    {
        if (await StepDoneByAsync(c, CaseStatus.AwaitingSeal, subject, ct))
            throw new ApiProblemException(StatusCodes.Status403Forbidden, "Separation of duties",
                $"'{subject}' countersigned case {c.Id}; another seal officer must apply the seal.", "separation-of-duties");
    }

    /// <summary>By the code that scopes the case, never by the name inside its JSON: the keys follow who may act on the case.</summary>
    private string CentreNameOf(SigningCase c) => centres.RequireNameOf(c.CentreCode);
}
