namespace OneThing.SigningApi.Core;

/// <summary>
/// The event ids of the log events an operator searches or alerts on, defined once so that every
/// place that logs one uses the same number. Ranges: 1000–1099 signing, 1100–1199 the case's
/// workflow, 1200–1299 external systems, 1300–1399 applicant access, 1400–1499 the outbox and bus.
/// docs/operations.md lists them; a number once shipped keeps its meaning.
/// </summary>
public static class LogEvents
{
    /// <summary>An applicant signed, or the loan officer countersigned, every document of a case (one event per signer).</summary>
    public const int SignatureMade = 1001;

    /// <summary>The centre seal was applied to every document of a case (one event per case).</summary>
    public const int SealApplied = 1002;

    /// <summary>The background key check found a seal, officer or TSA key that cannot sign, an expired or expiring certificate, or no timestamp (and when it recovers).</summary>
    public const int KeyCheck = 1003;

    /// <summary>A case reached Completed: the loan was disbursed and the evidence report stored.</summary>
    public const int CaseCompleted = 1101;

    /// <summary>A call to the mortgage registry or the bank failed; the message is retried.</summary>
    public const int AdapterFailure = 1201;

    /// <summary>An applicant's link was locked after too many failed identity checks or wrong codes.</summary>
    public const int AccessLocked = 1301;

    /// <summary>Publishing an outbox message to the bus failed; the message stays in the outbox for retry.</summary>
    public const int OutboxPublishFailed = 1401;
}
