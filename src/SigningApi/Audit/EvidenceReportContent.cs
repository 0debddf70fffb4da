namespace OneThing.SigningApi.Audit;

/// <summary>Everything the evidence report shows, gathered before drawing.</summary>
public sealed record EvidenceReportContent(
    Guid CaseId,
    string ApplicationNumber,
    string CentreCode,
    string BankCode,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<(string Field, string Role, string Name, string Status, DateTimeOffset? At)> Parties,
    IReadOnlyList<(string Kind, int Revision, string Sha256, string Verification)> Documents,
    IReadOnlyList<AuditEntry> Steps,
    string? ChainHead);
