namespace OneThing.ContractTemplates.Cases;

/// <summary>
/// The case data the approval system hands over when a loan is approved. Missing values arrive as
/// defaults (empty strings, zero, <see cref="DateOnly.MinValue"/>) so that <see cref="ContractCaseValidator"/>
/// can report every problem at once instead of the JSON reader stopping at the first.
/// </summary>
public sealed record ContractCase
{
    /// <summary>Case (application) number in the approval system, e.g. DY-GJJ-2026-000123.</summary>
    public string CaseNumber { get; init; } = "";

    /// <summary>The contract number printed on every document.</summary>
    public string ContractNumber { get; init; } = "";

    /// <summary>The date the contract is drawn up; also fixes the PDF's dates so output is reproducible.</summary>
    public DateOnly ContractDate { get; init; }

    public Centre Centre { get; init; } = new();
    public EntrustedBank Bank { get; init; } = new();
    public Party Borrower { get; init; } = new();
    public IReadOnlyList<Party> CoBorrowers { get; init; } = [];
    public Property Property { get; init; } = new();
    public Loan Loan { get; init; } = new();
    public Mortgage Mortgage { get; init; } = new();
}
