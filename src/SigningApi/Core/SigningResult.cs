using OneThing.SigningApi.Core.Entities;

namespace OneThing.SigningApi.Core;

/// <summary>Result of a signing step: the case's new status and each document's new revision.</summary>
public sealed record SigningResult(Guid CaseId, string FieldName, CaseStatus Status, IReadOnlyList<SignedDocumentView> Documents);

public sealed record SignedDocumentView(string Kind, int Revision, string Sha256, string? CertificateSerial);
