namespace OneThing.ContractTemplates.Money;

/// <summary>The full schedule of a loan with its totals. Principals always sum exactly to the loan amount.</summary>
public sealed record RepaymentSchedule(
    RepaymentMethod Method,
    long LoanAmountFen,
    decimal AnnualRatePercent,
    IReadOnlyList<Instalment> Instalments)
{
    public long TotalInterestFen { get; } = Instalments.Sum(i => i.InterestFen);
    public long TotalPaymentFen { get; } = Instalments.Sum(i => i.PaymentFen);
    /// <summary>For 等额本息 the regular monthly payment; for 等额本金 the first (largest) payment.</summary>
    public long FirstPaymentFen => Instalments.Count == 0 ? 0 : Instalments[0].PaymentFen;
    /// <summary>For 等额本金 the monthly decrease of the payment (principal × monthly rate), rounded to the fen.</summary>
    public long MonthlyDecreaseFen => Method == RepaymentMethod.EqualPrincipal && Instalments.Count > 1
        ? Instalments[0].PaymentFen - Instalments[1].PaymentFen
        : 0;
}
