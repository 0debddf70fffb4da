using OneThing.Contracts.Events.V1;
using OneThing.SigningApi.Notifications;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Hosting;
using OneThing.SigningApi.Signing;
using OneThing.SigningApi.Timeline;

namespace OneThing.SigningApi.Workflow;

/// <summary>
/// The signing steps of a case (intake, applicants, officer, seal) as workflow transitions plus
/// their public events. The services that perform the steps call these just before their
/// SaveChanges, so the step, the transition and the events commit together.
/// </summary>
public sealed class CaseLifecycle(CaseWorkflow workflow, TimelineWriter timeline)
{
    /// <summary>Intake: Opened → AwaitingSignatures; CaseOpened and one SignerInvited per party.</summary>
    public void Opened(SigningDbContext db, SigningCase c, string actor, string role)
    {
        workflow.Begin(db, c, actor, role);
        workflow.Move(db, c, CaseStatus.AwaitingSignatures, actor, role, $"{c.Parties.Count} signer(s) invited");
        workflow.Publish(db, new CaseOpened(c.Id, c.ApplicationNumber, workflow.Now, c.CentreCode, c.BankCode, c.SigningOrder.ToString(), c.ExpiresAt, Digests(c)));
        foreach (var p in c.Parties.OrderBy(p => p.SigningOrder))
        {
            workflow.Publish(db, new SignerInvited(c.Id, c.ApplicationNumber, workflow.Now, p.FieldName, p.Role, p.Name, SimulatedSmsSender.Mask(p.Phone), p.SigningOrder));
        }
    }

    /// <summary>An applicant signed every document; when they were the last, AwaitingSignatures → AwaitingCountersign.</summary>
    public void Signed(SigningDbContext db, SigningCase c, CaseParty party, IReadOnlyList<SignedDocumentView> documents, string actor, string role)
    {
        foreach (var d in documents)
        {
            workflow.Publish(db, new DocumentSigned(c.Id, c.ApplicationNumber, workflow.Now, party.FieldName, party.Role,
                new DocumentDigest(d.Kind, d.Revision, d.Sha256), d.CertificateSerial ?? ""));
        }
        if (c.Parties.All(p => p.Status == PartyStatus.Signed))
        {
            workflow.Move(db, c, CaseStatus.AwaitingCountersign, actor, role, $"last signer {party.FieldName}");
        }
    }

    /// <summary>AwaitingSignatures → Declined, with the signer's reason.</summary>
    public void Declined(SigningDbContext db, SigningCase c, CaseParty party, string reason, string actor, string role)
    {
        workflow.Move(db, c, CaseStatus.Declined, actor, role, $"{party.FieldName}: {reason}");
        workflow.Publish(db, new SignerDeclined(c.Id, c.ApplicationNumber, workflow.Now, party.FieldName, party.Role, reason));
    }

    /// <summary>
    /// AwaitingSignatures → Expired (the signing period ended), with the case's timeline entry and a
    /// new concurrency version. Expiry has no service of its own: the expiry sweep and the applicant
    /// who arrives after the period both come here, so the two record it identically.
    /// </summary>
    public void Expired(SigningDbContext db, SigningCase c, ClientInfo? client)
    {
        workflow.Move(db, c, CaseStatus.Expired, WorkflowActors.System, WorkflowActors.SystemRole, $"signing period ended {c.ExpiresAt:O}");
        workflow.Publish(db, new CaseExpired(c.Id, c.ApplicationNumber, workflow.Now, c.ExpiresAt));
        c.Version = Guid.NewGuid();
        timeline.Add(db, c.Id, TimelineActions.CaseExpired, WorkflowActors.System, WorkflowActors.SystemRole, $"signing period ended {c.ExpiresAt:O}", client);
    }

    /// <summary>AwaitingCountersign → AwaitingSeal.</summary>
    public void Countersigned(SigningDbContext db, SigningCase c, IReadOnlyList<SignedDocumentView> documents, string actor, string role)
    {
        workflow.Move(db, c, CaseStatus.AwaitingSeal, actor, role);
        workflow.Publish(db, new CaseCountersigned(c.Id, c.ApplicationNumber, workflow.Now, actor, Digests(documents)));
    }

    /// <summary>AwaitingSeal → Sealed; CaseSealed starts the registration and disbursement steps.</summary>
    public void Sealed(SigningDbContext db, SigningCase c, IReadOnlyList<SignedDocumentView> documents, string actor, string role)
    {
        workflow.Move(db, c, CaseStatus.Sealed, actor, role);
        workflow.Publish(db, new CaseSealed(c.Id, c.ApplicationNumber, workflow.Now, c.CentreCode, c.BankCode, actor, Digests(documents)));
    }

    private static List<DocumentDigest> Digests(SigningCase c) =>
        c.Documents.OrderBy(d => d.Kind, StringComparer.Ordinal).Select(d => new DocumentDigest(d.Kind, d.Revision, d.Sha256)).ToList();

    private static List<DocumentDigest> Digests(IReadOnlyList<SignedDocumentView> documents) =>
        documents.Select(d => new DocumentDigest(d.Kind, d.Revision, d.Sha256)).ToList();
}
