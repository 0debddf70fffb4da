using System.Text.Json;

namespace OneThing.Contracts.Events.V1;

/// <summary>
/// Inbound, from the approval system: opens a case exactly as <c>POST /api/v1/cases</c> does, with
/// the same fields (<paramref name="Case"/> is the contract case object of that request).
/// Idempotent by the case's application number.
/// </summary>
/// <param name="ApplicationNumber">Must equal <c>Case.caseNumber</c>.</param>
/// <param name="Case">The contract case JSON object (parties, property, loan terms, bank, centre).</param>
/// <param name="BankCode">The entrusted bank's code.</param>
/// <param name="SigningOrder"><c>Parallel</c> (default) or <c>Sequential</c>.</param>
/// <param name="SigningDays">Days the signers have (1–90, default 14).</param>
/// <param name="ApprovedBy">Who approved the loan in the approval system (recorded as the actor).</param>
public sealed record LoanApproved(
    string ApplicationNumber,
    JsonElement Case,
    string BankCode,
    string? SigningOrder,
    int? SigningDays,
    string ApprovedBy,
    DateTimeOffset ApprovedAt);
