namespace OneThing.SigningApi.PostSeal;

/// <summary>A bank's report that it disbursed the loan.</summary>
/// <param name="BankReference">The bank's transaction reference (1–64 characters).</param>
/// <param name="AmountFen">The amount disbursed in fen; must equal the contract's loan amount.</param>
/// <param name="DisbursedAt">When the money moved (defaults to now).</param>
public sealed record DisbursementReport(string? BankReference, long? AmountFen, DateTimeOffset? DisbursedAt);
