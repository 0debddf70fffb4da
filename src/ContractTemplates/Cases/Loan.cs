using OneThing.ContractTemplates.Money;

namespace OneThing.ContractTemplates.Cases;

/// <summary>The approved loan terms. Money is integer fen throughout.</summary>
public sealed record Loan
{
    public long AmountFen { get; init; }
    /// <summary>1–360 months.</summary>
    public int TermMonths { get; init; }
    /// <summary>Annual rate in percent, e.g. 2.85 for 2.85 %.</summary>
    public decimal AnnualRatePercent { get; init; }
    public RepaymentMethod Method { get; init; }
    public DateOnly FirstRepaymentDate { get; init; }
    /// <summary>Day of month the instalment is deducted, 1–28 (so every month has it).</summary>
    public int RepaymentDay { get; init; }
    public DeductionAccount DeductionAccount { get; init; } = new();
}
