using OneThing.ContractTemplates.Cases;
using OneThing.Contracts.Events.V1;
using OneThing.SigningApi.Hosting;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Timeline;

namespace OneThing.SigningApi.Workflow;

/// <summary>
/// The steps from the seal to completion. Each adds its transition, its timeline entry and its
/// event to the caller's unit of work; the caller saves once.
/// </summary>
public sealed class PostSealSteps(CaseWorkflow workflow, TimelineWriter timeline)
{
    private static readonly ClientInfo Bus = new(null, "onething-workflow");

    /// <summary>Sealed → MortgageRegistrationRequested.</summary>
    public void RequestRegistration(SigningDbContext db, SigningCase c)
    {
        var data = ContractCaseJson.Parse(c.CaseJson);
        var mortgage = c.Documents.Single(d => d.Kind == OneThing.ContractTemplates.Rendering.DocumentKinds.MortgageContract);
        workflow.Move(db, c, CaseStatus.MortgageRegistrationRequested, WorkflowActors.Workflow, WorkflowActors.SystemRole);
        workflow.Publish(db, new MortgageRegistrationRequested(c.Id, c.ApplicationNumber, workflow.Now, c.CentreCode, data.Mortgage.RegistryName,
            data.Property.CertificateNumber, data.Property.Address, data.Mortgage.SecuredAmountFen,
            new DocumentDigest(mortgage.Kind, mortgage.Revision, mortgage.Sha256)));
        timeline.Add(db, c.Id, WorkflowTimelineActions.MortgageRegistrationRequested, WorkflowActors.Workflow, WorkflowActors.SystemRole,
            $"{data.Mortgage.RegistryName}: property {data.Property.CertificateNumber}, mortgage contract r{mortgage.Revision} sha256 {mortgage.Sha256}", Bus);
    }

    /// <summary>MortgageRegistrationRequested → MortgageRegistered; announced when OneThing learnt it first-hand (an adapter), not from the registry's own event.</summary>
    public void RecordRegistered(SigningDbContext db, SigningCase c, string registrationNumber, string registry, bool announce)
    {
        workflow.Move(db, c, CaseStatus.MortgageRegistered, registry, "registry", registrationNumber);
        if (announce) workflow.Publish(db, new MortgageRegistered(c.Id, c.ApplicationNumber, workflow.Now, registrationNumber, registry));
        timeline.Add(db, c.Id, WorkflowTimelineActions.MortgageRegistered, registry, "registry", $"registration {registrationNumber}", Bus);
    }

    /// <summary>MortgageRegistered → DisbursementRequested.</summary>
    public void RequestDisbursement(SigningDbContext db, SigningCase c, string registrationNumber)
    {
        var data = ContractCaseJson.Parse(c.CaseJson);
        workflow.Move(db, c, CaseStatus.DisbursementRequested, WorkflowActors.Workflow, WorkflowActors.SystemRole);
        workflow.Publish(db, new DisbursementRequested(c.Id, c.ApplicationNumber, workflow.Now, c.BankCode, data.Loan.AmountFen,
            data.Loan.DeductionAccount.AccountNumber, registrationNumber));
        timeline.Add(db, c.Id, WorkflowTimelineActions.DisbursementRequested, WorkflowActors.Workflow, WorkflowActors.SystemRole,
            $"bank {c.BankCode}: {data.Loan.AmountFen} fen, mortgage registration {registrationNumber}", Bus);
    }

    /// <summary>DisbursementRequested → Disbursed.</summary>
    public void RecordDisbursed(SigningDbContext db, SigningCase c, string bankReference, long amountFen, DateTimeOffset disbursedAt,
        string reportedBy, string role, ClientInfo? client, bool announce)
    {
        workflow.Move(db, c, CaseStatus.Disbursed, reportedBy, role, $"bank reference {bankReference}");
        if (announce) workflow.Publish(db, new LoanDisbursed(c.Id, c.ApplicationNumber, workflow.Now, c.BankCode, amountFen, bankReference, disbursedAt, reportedBy));
        timeline.Add(db, c.Id, WorkflowTimelineActions.LoanDisbursed, reportedBy, role,
            $"{amountFen} fen disbursed {disbursedAt:O}, bank reference {bankReference}", client ?? Bus);
    }

    /// <summary>Disbursed → Completed, naming the sealed evidence report.</summary>
    public void Complete(SigningDbContext db, SigningCase c, DocumentDigest evidenceReport)
    {
        workflow.Move(db, c, CaseStatus.Completed, WorkflowActors.Workflow, WorkflowActors.SystemRole);
        workflow.Publish(db, new CaseCompleted(c.Id, c.ApplicationNumber, workflow.Now, evidenceReport));
        timeline.Add(db, c.Id, WorkflowTimelineActions.CaseCompleted, WorkflowActors.Workflow, WorkflowActors.SystemRole,
            $"evidence report sha256 {evidenceReport.Sha256}", Bus);
    }

    /// <summary>Any state before the seal → Cancelled (an administrator's decision).</summary>
    public void Cancel(SigningDbContext db, SigningCase c, string reason, string actor, string role, ClientInfo client)
    {
        workflow.Move(db, c, CaseStatus.Cancelled, actor, role, reason);
        workflow.Publish(db, new CaseCancelled(c.Id, c.ApplicationNumber, workflow.Now, actor, reason));
        timeline.Add(db, c.Id, WorkflowTimelineActions.CaseCancelled, actor, role, reason, client);
    }
}
