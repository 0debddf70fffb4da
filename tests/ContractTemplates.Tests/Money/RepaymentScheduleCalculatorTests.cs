using OneThing.ContractTemplates.Money;

namespace OneThing.ContractTemplates.Tests.Money;

/// <summary>
/// Expected values were computed independently (Python, decimal arithmetic at 50 digits, same rounding rule) and
/// cross-checked against the closed-form formulas below; 2,481.34 is also what public calculators quote for a
/// 600,000-yuan, 30-year provident fund loan at 2.85 %.
/// </summary>
public sealed class RepaymentScheduleCalculatorTests
{
    private static readonly DateOnly FirstDue = new(2026, 4, 20);
    private readonly RepaymentScheduleCalculator _calculator = new();

    [Theory]
    [InlineData(60_000_000L, 360, "2.85", 248_134L, 29_328_490L, 248_384L)]
    [InlineData(30_000_000L, 120, "3.1", 291_069L, 4_928_288L, 291_077L)]
    [InlineData(100_000L, 12, "2.6", 8_451L, 1_415L, 8_454L)]
    public void Equal_instalments_match_independent_values(long amount, int months, string rate, long payment, long totalInterest, long lastPayment)
    {
        var schedule = _calculator.Calculate(RepaymentMethod.EqualInstalment, amount, months, decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), FirstDue);

        Assert.Equal(months, schedule.Instalments.Count);
        Assert.All(schedule.Instalments.SkipLast(1), i => Assert.Equal(payment, i.PaymentFen));
        Assert.Equal(lastPayment, schedule.Instalments[^1].PaymentFen);
        Assert.Equal(totalInterest, schedule.TotalInterestFen);
        Assert.Equal(amount + totalInterest, schedule.TotalPaymentFen);
        AssertPrincipalsAddUp(schedule, amount);

        // Closed form with doubles: the annuity payment before rounding differs by less than half a fen.
        var r = double.Parse(rate, System.Globalization.CultureInfo.InvariantCulture) / 1200;
        var exact = amount * r * Math.Pow(1 + r, months) / (Math.Pow(1 + r, months) - 1);
        Assert.InRange(payment - exact, -0.5, 0.5);
    }

    [Theory]
    [InlineData(45_000_000L, 240, "2.85", 294_375L, 293_930L, 12_878_445L, 187_500L, 445L)]
    [InlineData(100_000L, 12, "2.6", 8_550L, 8_532L, 1_408L, 8_337L, 18L)]
    [InlineData(10_000_001L, 7, "3.25", 1_455_655L, 1_451_786L, 108_332L, 1_428_569L, 3_869L)]
    public void Equal_principal_matches_independent_values(long amount, int months, string rate, long first, long second, long totalInterest, long lastPrincipal, long lastInterest)
    {
        var annual = decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture);
        var schedule = _calculator.Calculate(RepaymentMethod.EqualPrincipal, amount, months, annual, FirstDue);

        Assert.Equal(first, schedule.Instalments[0].PaymentFen);
        Assert.Equal(second, schedule.Instalments[1].PaymentFen);
        Assert.Equal(totalInterest, schedule.TotalInterestFen);
        Assert.Equal(lastPrincipal, schedule.Instalments[^1].PrincipalFen);
        Assert.Equal(lastInterest, schedule.Instalments[^1].InterestFen);
        AssertPrincipalsAddUp(schedule, amount);

        // Closed form: total interest = P·r·(n+1)/2 before rounding; rounding each month moves it by at most n/2 fen.
        var r = (double)annual / 1200;
        Assert.InRange(totalInterest - amount * r * (months + 1) / 2, -months / 2.0, months / 2.0);
    }

    [Fact]
    public void Due_dates_run_monthly_on_the_repayment_day_and_balances_reach_zero()
    {
        var schedule = _calculator.Calculate(RepaymentMethod.EqualInstalment, 60_000_000, 360, 2.85m, FirstDue);

        Assert.Equal(new DateOnly(2026, 4, 20), schedule.Instalments[0].DueDate);
        Assert.Equal(new DateOnly(2027, 2, 20), schedule.Instalments[10].DueDate);
        Assert.Equal(new DateOnly(2056, 3, 20), schedule.Instalments[^1].DueDate);
        Assert.Equal(0, schedule.Instalments[^1].RemainingBalanceFen);
        var balance = 60_000_000L;
        foreach (var instalment in schedule.Instalments)
        {
            balance -= instalment.PrincipalFen;
            Assert.Equal(balance, instalment.RemainingBalanceFen);
            Assert.Equal(instalment.PrincipalFen + instalment.InterestFen, instalment.PaymentFen);
        }
    }

    [Fact]
    public void A_one_month_loan_repays_everything_at_once()
    {
        var schedule = _calculator.Calculate(RepaymentMethod.EqualPrincipal, 1_000_000, 1, 2.85m, FirstDue);

        var only = Assert.Single(schedule.Instalments);
        Assert.Equal(1_000_000, only.PrincipalFen);
        Assert.Equal(2_375, only.InterestFen);
    }

    private static void AssertPrincipalsAddUp(RepaymentSchedule schedule, long amount)
    {
        Assert.Equal(amount, schedule.Instalments.Sum(i => i.PrincipalFen));
        Assert.All(schedule.Instalments, i => Assert.True(i.PrincipalFen > 0, $"instalment {i.Number} repays no principal"));
    }
}
