using System.Globalization;
using OneThing.ContractTemplates.Cases;
using OneThing.ContractTemplates.Money;

namespace OneThing.ContractTemplates.Templates;

/// <summary>
/// Turns a case and its schedule into the values templates see (snake_case names, every amount already formatted),
/// so templates hold wording only and all number formatting lives in code that is tested.
/// </summary>
public static class TemplateModelBuilder
{
    public static IReadOnlyDictionary<string, object> Build(ContractCase c, RepaymentSchedule schedule)
    {
        var loan = c.Loan;
        return new Dictionary<string, object>
        {
            ["contract_number"] = c.ContractNumber,
            ["case_number"] = c.CaseNumber,
            ["contract_date"] = ChineseDate(c.ContractDate),
            ["centre"] = Map(("name", c.Centre.Name), ("code", c.Centre.Code), ("address", c.Centre.Address), ("phone", c.Centre.Phone)),
            ["bank"] = Map(("name", c.Bank.Name), ("branch", c.Bank.Branch), ("address", c.Bank.Address)),
            ["borrower"] = PartyModel(c.Borrower, 0),
            ["co_borrowers"] = c.CoBorrowers.Select((p, i) => PartyModel(p, i + 1)).ToArray(),
            ["property"] = Map(
                ("address", c.Property.Address),
                ("certificate_number", c.Property.CertificateNumber),
                ("floor_area", c.Property.FloorArea.ToString("0.00", CultureInfo.InvariantCulture)),
                ("price", Fen.ToYuan(c.Property.PriceFen)),
                ("price_capital", ChineseCapitalAmount.Format(c.Property.PriceFen))),
            ["loan"] = Map(
                ("amount", Fen.ToYuan(loan.AmountFen)),
                ("amount_capital", ChineseCapitalAmount.Format(loan.AmountFen)),
                ("term_months", loan.TermMonths.ToString(CultureInfo.InvariantCulture)),
                ("annual_rate", loan.AnnualRatePercent.ToString("0.00##", CultureInfo.InvariantCulture)),
                ("method", MethodName(loan.Method)),
                ("method_code", loan.Method == RepaymentMethod.EqualInstalment ? "equal-instalment" : "equal-principal"),
                ("first_repayment_date", ChineseDate(loan.FirstRepaymentDate)),
                ("last_repayment_date", ChineseDate(schedule.Instalments[^1].DueDate)),
                ("repayment_day", loan.RepaymentDay.ToString(CultureInfo.InvariantCulture)),
                ("first_payment", Fen.ToYuan(schedule.FirstPaymentFen)),
                ("first_payment_capital", ChineseCapitalAmount.Format(schedule.FirstPaymentFen)),
                ("monthly_decrease", Fen.ToYuan(schedule.MonthlyDecreaseFen)),
                ("total_interest", Fen.ToYuan(schedule.TotalInterestFen)),
                ("total_payment", Fen.ToYuan(schedule.TotalPaymentFen))),
            ["account"] = Map(
                ("bank_name", loan.DeductionAccount.BankName),
                ("account_name", loan.DeductionAccount.AccountName),
                ("account_number", loan.DeductionAccount.AccountNumber)),
            ["mortgage"] = Map(
                ("registry_name", c.Mortgage.RegistryName),
                ("secured_amount", Fen.ToYuan(c.Mortgage.SecuredAmountFen)),
                ("secured_amount_capital", ChineseCapitalAmount.Format(c.Mortgage.SecuredAmountFen))),
        };
    }

    /// <summary>e.g. 2026年3月18日.</summary>
    public static string ChineseDate(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    public static string MethodName(RepaymentMethod method) => method switch
    {
        RepaymentMethod.EqualInstalment => "等额本息",
        RepaymentMethod.EqualPrincipal => "等额本金",
        _ => "未指定",
    };

    public static string MaritalStatusName(MaritalStatus status) => status switch
    {
        MaritalStatus.Single => "未婚",
        MaritalStatus.Married => "已婚",
        MaritalStatus.Divorced => "离异",
        MaritalStatus.Widowed => "丧偶",
        _ => "未填写",
    };

    private static Dictionary<string, object> PartyModel(Party p, int index) => Map(
        ("index", index),
        ("name", p.Name),
        ("id_number", p.IdNumber),
        ("phone", p.Phone),
        ("address", p.Address),
        ("marital_status", MaritalStatusName(p.MaritalStatus)),
        ("relationship", p.Relationship));

    private static Dictionary<string, object> Map(params (string Key, object Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
}
