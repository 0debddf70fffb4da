namespace OneThing.SigningApi.Audit;

/// <summary>
/// One action in the append-only audit trail. The content is written in the same transaction as
/// the action; <see cref="AuditChainer"/> then gives it the next <see cref="ChainIndex"/> and a
/// <see cref="Hash"/> covering its content and the previous entry's hash, so any later edit,
/// insertion or deletion breaks the chain from that point on.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public Guid? CaseId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Action { get; set; }
    public required string Actor { get; set; }
    public required string ActorRole { get; set; }
    public string? ClientAddress { get; set; }
    public string? UserAgent { get; set; }
    public string? Detail { get; set; }

    /// <summary>Document revisions written by the same change: <c>kind@revision=sha256</c>, one per line.</summary>
    public string? DocumentHashes { get; set; }

    /// <summary>Verification verdicts recorded with the action (evidence report), one per line.</summary>
    public string? VerificationResults { get; set; }

    public long? ChainIndex { get; set; }
    public string? PreviousHash { get; set; }
    public string? Hash { get; set; }
}
