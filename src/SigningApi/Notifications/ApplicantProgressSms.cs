using OneThing.ContractTemplates.Cases;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Entities;

namespace OneThing.SigningApi.Notifications;

/// <summary>
/// Tells every applicant of a case how their loan moves on after they signed (the centre sealed the
/// contracts; the bank disbursed), by SMS to the phone on file in the configured templates, and records
/// who was told in the timeline. Declined or cancelled cases never get here (no seal, no disbursement).
/// </summary>
public sealed class ApplicantProgressSms(ISmsSender sms, SmsTexts texts, CaseTimeline timeline)
{
    public async Task SealedAsync(SigningCase c, CancellationToken ct)
    {
        var data = ContractCaseJson.Parse(c.CaseJson);
        await SendAsync(c, "sealed", texts.Sealed(c.ApplicationNumber, BankOf(data)), ct);
    }

    public async Task DisbursedAsync(SigningCase c, long amountFen, DateTimeOffset disbursedAt, CancellationToken ct)
    {
        var data = ContractCaseJson.Parse(c.CaseJson);
        await SendAsync(c, "disbursed", texts.Disbursed(c.ApplicationNumber, amountFen, BankOf(data), disbursedAt, data.Loan.FirstRepaymentDate), ct);
    }

    private static string BankOf(ContractCase data) => data.Bank.Name + data.Bank.Branch;

    private async Task SendAsync(SigningCase c, string what, string text, CancellationToken ct)
    {
        var told = new List<string>();
        foreach (var party in c.Parties.Where(p => p.Status == PartyStatus.Signed).OrderBy(p => p.SigningOrder))
        {
            await sms.SendAsync(party.Phone, text, ct);
            told.Add($"{party.FieldName} → {PhoneMask.Mask(party.Phone)}");
        }
        timeline.Add(c.Id, WorkflowTimelineActions.ApplicantsNotified, WorkflowActors.Workflow, WorkflowActors.SystemRole, $"{what}: {string.Join(", ", told)}", client: null);
    }
}
