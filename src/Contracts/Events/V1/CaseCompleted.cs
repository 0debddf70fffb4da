namespace OneThing.Contracts.Events.V1;

/// <summary>The case is done: disbursed, and its sealed evidence report (签署证据报告) is stored.</summary>
/// <param name="EvidenceReport">The evidence report PDF (kind <c>evidence-report</c>) and its SHA-256.</param>
public sealed record CaseCompleted(
    Guid CaseId,
    string ApplicationNumber,
    DateTimeOffset OccurredAt,
    DocumentDigest EvidenceReport) : ICaseEvent;
