namespace OneThing.ContractTemplates.Money;

/// <summary>
/// Builds repayment schedules in integer fen. Monthly rate = annual rate / 12. Each month's interest is the
/// remaining balance × monthly rate rounded half away from zero; the principal part is rounded to the fen and the
/// final instalment takes whatever principal remains, so principals sum exactly to the loan amount.
/// </summary>
public sealed class RepaymentScheduleCalculator
{
    public RepaymentSchedule Calculate(RepaymentMethod method, long amountFen, int termMonths, decimal annualRatePercent, DateOnly firstDueDate)
    {
        if (amountFen <= 0) throw new ArgumentOutOfRangeException(nameof(amountFen), "the loan amount must be positive");
        if (termMonths is < 1 or > 600) throw new ArgumentOutOfRangeException(nameof(termMonths), "the term must be 1 to 600 months");
        if (annualRatePercent < 0) throw new ArgumentOutOfRangeException(nameof(annualRatePercent), "the rate must not be negative");
        var monthlyRate = annualRatePercent / 100m / 12m;
        var instalments = method switch
        {
            RepaymentMethod.EqualInstalment => EqualInstalments(amountFen, termMonths, monthlyRate, firstDueDate),
            RepaymentMethod.EqualPrincipal => EqualPrincipal(amountFen, termMonths, monthlyRate, firstDueDate),
            _ => throw new ArgumentOutOfRangeException(nameof(method), "the repayment method is not specified"),
        };
        return new RepaymentSchedule(method, amountFen, annualRatePercent, instalments);
    }

    /// <summary>等额本息 payment P·r·(1+r)^n / ((1+r)^n − 1), rounded to the fen (P/n when the rate is zero).</summary>
    public static long EqualInstalmentPayment(long amountFen, int termMonths, decimal monthlyRate)
    {
        if (monthlyRate == 0) return Fen.Round((decimal)amountFen / termMonths);
        var growth = 1m;
        for (var i = 0; i < termMonths; i++) growth *= 1m + monthlyRate;
        return Fen.Round(amountFen * monthlyRate * growth / (growth - 1m));
    }

    private static Instalment[] EqualInstalments(long amountFen, int termMonths, decimal monthlyRate, DateOnly firstDueDate)
    {
        var payment = EqualInstalmentPayment(amountFen, termMonths, monthlyRate);
        var result = new Instalment[termMonths];
        var balance = amountFen;
        for (var n = 1; n <= termMonths; n++)
        {
            var interest = Fen.Round(balance * monthlyRate);
            var principal = n == termMonths ? balance : Math.Min(balance, payment - interest);
            balance -= principal;
            result[n - 1] = new Instalment(n, firstDueDate.AddMonths(n - 1), principal, interest, principal + interest, balance);
        }
        return result;
    }

    private static Instalment[] EqualPrincipal(long amountFen, int termMonths, decimal monthlyRate, DateOnly firstDueDate)
    {
        var monthlyPrincipal = Fen.Round((decimal)amountFen / termMonths);
        var result = new Instalment[termMonths];
        var balance = amountFen;
        for (var n = 1; n <= termMonths; n++)
        {
            var interest = Fen.Round(balance * monthlyRate);
            var principal = n == termMonths ? balance : Math.Min(balance, monthlyPrincipal);
            balance -= principal;
            result[n - 1] = new Instalment(n, firstDueDate.AddMonths(n - 1), principal, interest, principal + interest, balance);
        }
        return result;
    }
}
