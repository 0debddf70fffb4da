using System.Text.Json;
using OneThing.ContractTemplates.Cases;
using OneThing.ContractTemplates.Money;
using OneThing.ContractTemplates.Rendering;
using OneThing.SigningApi.Core.Entities;

namespace OneThing.SigningApi.Core;

/// <summary>
/// The loan facts a person needs to know what they sign or review: who lends (centre and its phone),
/// the amount, term, rate and monthly payment, the deduction account (masked), the property and bank,
/// where each signature goes, and the repayment schedule. Read from the case data as received, with
/// the schedule computed by the same calculator that rendered the contract.
/// </summary>
public sealed record CaseFactsView(
    Guid CaseId,
    string ContractNumber,
    string CaseNumber,
    string CentreName,
    string CentrePhone,
    string BankName,
    string BankBranch,
    string PropertyAddress,
    long LoanAmountFen,
    int TermMonths,
    decimal AnnualRatePercent,
    RepaymentMethod Method,
    long FirstPaymentFen,
    long MonthlyDecreaseFen,
    long TotalInterestFen,
    DateOnly FirstRepaymentDate,
    int RepaymentDay,
    string DeductionBankName,
    string DeductionAccountMasked,
    DateTimeOffset SignBy,
    IReadOnlyList<SignaturePlaceView> SignaturePlaces,
    IReadOnlyList<Instalment> Schedule);

/// <summary>Where a signature field sits: document kind, field name, role and 1-based page.</summary>
public sealed record SignaturePlaceView(string DocumentKind, string FieldName, string Role, int Page);

public static class CaseFacts
{
    public static CaseFactsView Of(SigningCase c)
    {
        var data = ContractCaseJson.Parse(c.CaseJson);
        var loan = data.Loan;
        var schedule = new RepaymentScheduleCalculator().Calculate(loan.Method, loan.AmountFen, loan.TermMonths, loan.AnnualRatePercent, loan.FirstRepaymentDate);
        var places = c.Documents.OrderBy(d => DocumentOrder.Rank(d.Kind)).ThenBy(d => d.Kind, StringComparer.Ordinal)
            .SelectMany(d => (JsonSerializer.Deserialize<List<SignatureFieldSpec>>(d.SignatureFieldsJson) ?? [])
                .Select(f => new SignaturePlaceView(d.Kind, f.FieldName, f.Role, f.PageIndex + 1)))
            .ToList();
        return new CaseFactsView(c.Id, data.ContractNumber, data.CaseNumber, data.Centre.Name, data.Centre.Phone, data.Bank.Name, data.Bank.Branch,
            data.Property.Address, loan.AmountFen, loan.TermMonths, loan.AnnualRatePercent, loan.Method, schedule.FirstPaymentFen,
            schedule.MonthlyDecreaseFen, schedule.TotalInterestFen, loan.FirstRepaymentDate, loan.RepaymentDay,
            loan.DeductionAccount.BankName, MaskAccount(loan.DeductionAccount.AccountNumber), c.ExpiresAt, places, schedule.Instalments);
    }

    /// <summary>A bank account as people are used to seeing it on statements: the last four digits only.</summary>
    public static string MaskAccount(string account) =>
        account.Length <= 4 ? "****" : $"**** **** {account[^4..]}";
}

/// <summary>The order people read a case's documents in: the loan contract first, then the mortgage, then the rest.</summary>
public static class DocumentOrder
{
    private static readonly string[] Preferred = ["loan-contract", "mortgage-contract", "deduction-authorization"];

    public static int Rank(string kind)
    {
        var i = Array.IndexOf(Preferred, kind);
        return i < 0 ? Preferred.Length : i;
    }
}
