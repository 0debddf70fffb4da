using System.Text.Json;
using OneThing.ContractTemplates.Cases;
using OneThing.ContractTemplates.Rendering;
using OneThing.Contracts.Events.V1;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Outbox;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Core;

/// <summary>
/// The only way a case changes state. Each step checks the move against <see cref="CaseStateMachine"/>,
/// records the transition (who, role, when, why), its timeline entries and its public events, and renews
/// the case's concurrency version — all on the scope's unit of work, so the change and its events commit
/// in the caller's one SaveChanges or not at all.
/// </summary>
public sealed class CaseStatusChanges(SigningDbContext db, CaseTimeline timeline, TimeProvider time, OutboxSignal signal)
{
    private static readonly ClientInfo Bus = new(null, "onething-workflow");

    /// <summary>
    /// Intake: (new) → Opened → AwaitingSignatures; CaseOpened and one SignerInvited per signer invited now
    /// (every signer, or in a sequential case the first in order).
    /// </summary>
    public void Opened(SigningCase c, string actor, string role)
    {
        c.Status = CaseStatus.Opened;
        Record(c.Id, null, CaseStatus.Opened, actor, role, null);
        var invited = SigningTurns.InvitedAtIntake(c);
        Move(c, CaseStatus.AwaitingSignatures, actor, role, $"{invited.Count} of {c.Parties.Count} signer(s) invited");
        Publish(new CaseOpened(c.Id, c.ApplicationNumber, Now, c.CentreCode, c.BankCode, c.SigningOrder.ToString(), c.ExpiresAt, Digests(c)));
        foreach (var p in invited) Invited(c, p);
    }

    /// <summary>A signer was sent their link: at intake, or in a sequential case when their turn came.</summary>
    public void Invited(SigningCase c, CaseParty p) =>
        Publish(new SignerInvited(c.Id, c.ApplicationNumber, Now, p.FieldName, p.Role, p.Name, PhoneMask.Mask(p.Phone), p.SigningOrder));

    /// <summary>
    /// An applicant signed every document: DocumentSigned per document and, when they were the last,
    /// AwaitingSignatures → AwaitingCountersign; then the signer's timeline entries.
    /// </summary>
    public void Signed(SigningCase c, CaseParty party, IReadOnlyList<SignedDocumentView> documents, string actor, string role, ClientInfo client)
    {
        foreach (var d in documents)
        {
            Publish(new DocumentSigned(c.Id, c.ApplicationNumber, Now, party.FieldName, party.Role,
                new DocumentDigest(d.Kind, d.Revision, d.Sha256), d.CertificateSerial ?? ""));
        }
        if (c.Parties.All(p => p.Status == PartyStatus.Signed))
        {
            Move(c, CaseStatus.AwaitingCountersign, actor, role, $"last signer {party.FieldName}");
        }
        Touch(c);
        foreach (var d in documents)
        {
            timeline.Add(c.Id, TimelineActions.DocumentSigned, actor, role,
                $"{party.FieldName} signed {d.Kind} r{d.Revision} sha256 {d.Sha256} certificate {d.CertificateSerial}", client);
        }
        timeline.Add(c.Id, TimelineActions.SignerSigned, actor, role, party.FieldName, client);
    }

    /// <summary>AwaitingSignatures → Declined, with the signer's reason.</summary>
    public void Declined(SigningCase c, CaseParty party, string reason, string actor, string role, ClientInfo client)
    {
        Move(c, CaseStatus.Declined, actor, role, $"{party.FieldName}: {reason}");
        Publish(new SignerDeclined(c.Id, c.ApplicationNumber, Now, party.FieldName, party.Role, reason));
        Touch(c);
        EndAccessSessions(c);
        timeline.Add(c.Id, TimelineActions.SignerDeclined, actor, role, $"{party.FieldName}: {reason}", client);
    }

    /// <summary>
    /// AwaitingSignatures → Expired (the signing period ended). The expiry sweep and the applicant who
    /// arrives after the period both come here, so the two record it identically.
    /// </summary>
    public void Expired(SigningCase c, ClientInfo? client)
    {
        Move(c, CaseStatus.Expired, WorkflowActors.System, WorkflowActors.SystemRole, $"signing period ended {c.ExpiresAt:O}");
        Publish(new CaseExpired(c.Id, c.ApplicationNumber, Now, c.ExpiresAt));
        EndAccessSessions(c);
        timeline.Add(c.Id, TimelineActions.CaseExpired, WorkflowActors.System, WorkflowActors.SystemRole, $"signing period ended {c.ExpiresAt:O}", client);
    }

    /// <summary>AwaitingCountersign → AwaitingSeal, with one timeline entry per countersigned document.</summary>
    public void Countersigned(SigningCase c, IReadOnlyList<SignedDocumentView> documents, string actor, string role, ClientInfo client)
    {
        Move(c, CaseStatus.AwaitingSeal, actor, role);
        Publish(new CaseCountersigned(c.Id, c.ApplicationNumber, Now, actor, Digests(documents)));
        Touch(c);
        foreach (var d in documents)
            timeline.Add(c.Id, TimelineActions.Countersigned, actor, role, $"{d.Kind} r{d.Revision} sha256 {d.Sha256}", client);
    }

    /// <summary>AwaitingSeal → Sealed; CaseSealed starts the registration and disbursement steps.</summary>
    public void Sealed(SigningCase c, IReadOnlyList<SignedDocumentView> documents, string sealCode, string actor, string role, ClientInfo client)
    {
        Move(c, CaseStatus.Sealed, actor, role);
        Publish(new CaseSealed(c.Id, c.ApplicationNumber, Now, c.CentreCode, c.BankCode, actor, Digests(documents)));
        Touch(c);
        foreach (var d in documents)
            timeline.Add(c.Id, TimelineActions.Sealed, actor, role, $"{d.Kind} r{d.Revision} sha256 {d.Sha256} seal {sealCode} (PAdES B-LTA)", client);
    }

    /// <summary>Sealed → MortgageRegistrationRequested.</summary>
    public void RegistrationRequested(SigningCase c)
    {
        var data = ContractCaseJson.Parse(c.CaseJson);
        var mortgage = c.Documents.Single(d => d.Kind == DocumentKinds.MortgageContract);
        Move(c, CaseStatus.MortgageRegistrationRequested, WorkflowActors.Workflow, WorkflowActors.SystemRole);
        Publish(new MortgageRegistrationRequested(c.Id, c.ApplicationNumber, Now, c.CentreCode, data.Mortgage.RegistryName,
            data.Property.CertificateNumber, data.Property.Address, data.Mortgage.SecuredAmountFen,
            new DocumentDigest(mortgage.Kind, mortgage.Revision, mortgage.Sha256)));
        timeline.Add(c.Id, WorkflowTimelineActions.MortgageRegistrationRequested, WorkflowActors.Workflow, WorkflowActors.SystemRole,
            $"{data.Mortgage.RegistryName}: property {data.Property.CertificateNumber}, mortgage contract r{mortgage.Revision} sha256 {mortgage.Sha256}", Bus);
    }

    /// <summary>MortgageRegistrationRequested → MortgageRegistered; announced when OneThing learnt it first-hand (an adapter), not from the registry's own event.</summary>
    public void Registered(SigningCase c, string registrationNumber, string registry, bool announce)
    {
        Move(c, CaseStatus.MortgageRegistered, registry, "registry", registrationNumber);
        if (announce) Publish(new MortgageRegistered(c.Id, c.ApplicationNumber, Now, registrationNumber, registry));
        timeline.Add(c.Id, WorkflowTimelineActions.MortgageRegistered, registry, "registry", $"registration {registrationNumber}", Bus);
    }

    /// <summary>MortgageRegistered → DisbursementRequested.</summary>
    public void DisbursementRequested(SigningCase c, string registrationNumber)
    {
        var data = ContractCaseJson.Parse(c.CaseJson);
        Move(c, CaseStatus.DisbursementRequested, WorkflowActors.Workflow, WorkflowActors.SystemRole);
        Publish(new DisbursementRequested(c.Id, c.ApplicationNumber, Now, c.BankCode, data.Loan.AmountFen,
            data.Loan.DeductionAccount.AccountNumber, registrationNumber));
        timeline.Add(c.Id, WorkflowTimelineActions.DisbursementRequested, WorkflowActors.Workflow, WorkflowActors.SystemRole,
            $"bank {c.BankCode}: {data.Loan.AmountFen} fen, mortgage registration {registrationNumber}", Bus);
    }

    /// <summary>DisbursementRequested → Disbursed.</summary>
    public void Disbursed(SigningCase c, string bankReference, long amountFen, DateTimeOffset disbursedAt,
        string reportedBy, string role, ClientInfo? client, bool announce)
    {
        Move(c, CaseStatus.Disbursed, reportedBy, role, $"bank reference {bankReference}");
        if (announce) Publish(new LoanDisbursed(c.Id, c.ApplicationNumber, Now, c.BankCode, amountFen, bankReference, disbursedAt, reportedBy));
        timeline.Add(c.Id, WorkflowTimelineActions.LoanDisbursed, reportedBy, role,
            $"{amountFen} fen disbursed {disbursedAt:O}, bank reference {bankReference}", client ?? Bus);
    }

    /// <summary>Disbursed → Completed, naming the sealed evidence report.</summary>
    public void Completed(SigningCase c, DocumentDigest evidenceReport)
    {
        Move(c, CaseStatus.Completed, WorkflowActors.Workflow, WorkflowActors.SystemRole);
        Publish(new CaseCompleted(c.Id, c.ApplicationNumber, Now, evidenceReport));
        timeline.Add(c.Id, WorkflowTimelineActions.CaseCompleted, WorkflowActors.Workflow, WorkflowActors.SystemRole,
            $"evidence report sha256 {evidenceReport.Sha256}", Bus);
    }

    /// <summary>Any state before the seal → Cancelled (an administrator's decision).</summary>
    public void Cancelled(SigningCase c, string reason, string actor, string role, ClientInfo client)
    {
        Move(c, CaseStatus.Cancelled, actor, role, reason);
        Publish(new CaseCancelled(c.Id, c.ApplicationNumber, Now, actor, reason));
        EndAccessSessions(c);
        timeline.Add(c.Id, WorkflowTimelineActions.CaseCancelled, actor, role, reason, client);
    }

    private DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// A case that stops (declined, expired, cancelled) ends every applicant's access session, so no
    /// outstanding applicant token of it is accepted again (the parties must be loaded).
    /// </summary>
    private static void EndAccessSessions(SigningCase c)
    {
        foreach (var party in c.Parties.Where(p => p.AccessLinkId is not null))
        {
            party.AccessLinkId = null;
            party.Version = Guid.NewGuid();
        }
    }

    /// <summary>Moves the case, refusing (409 problem) a transition the state machine does not allow.</summary>
    private void Move(SigningCase c, CaseStatus to, string actor, string role, string? reason = null)
    {
        CaseStateMachine.EnsureCanMove(c.Id, c.Status, to);
        var from = c.Status;
        c.Status = to;
        c.UpdatedAt = Now;
        // Renewing the concurrency token makes a concurrent writer of the same case fail instead of both moving it.
        c.Version = Guid.NewGuid();
        Record(c.Id, from, to, actor, role, reason);
    }

    /// <summary>A step that changed the case's documents renews its time and version even when its status stays.</summary>
    private void Touch(SigningCase c)
    {
        c.UpdatedAt = Now;
        c.Version = Guid.NewGuid();
    }

    private void Publish<T>(T message) where T : class, ICaseEvent
    {
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            MessageId = MassTransit.NewId.NextGuid(),
            CaseId = message.CaseId,
            MessageType = EventCatalog.NameOf(typeof(T)),
            Body = JsonSerializer.Serialize(message, EventCatalog.Json),
            CreatedAt = Now,
        });
        signal.Poke();
    }

    private void Record(Guid caseId, CaseStatus? from, CaseStatus to, string actor, string role, string? reason) =>
        db.Set<CaseTransition>().Add(new CaseTransition
        {
            CaseId = caseId,
            From = from,
            To = to,
            Actor = Truncate(actor, 128),
            ActorRole = Truncate(role, 32),
            At = Now,
            Reason = reason is null ? null : Truncate(reason, 500),
        });

    private static List<DocumentDigest> Digests(SigningCase c) =>
        c.Documents.OrderBy(d => d.Kind, StringComparer.Ordinal).Select(d => new DocumentDigest(d.Kind, d.Revision, d.Sha256)).ToList();

    private static List<DocumentDigest> Digests(IReadOnlyList<SignedDocumentView> documents) =>
        documents.Select(d => new DocumentDigest(d.Kind, d.Revision, d.Sha256)).ToList();

    private static string Truncate(string s, int max) => s.Length > max ? s[..max] : s;
}
