namespace OneThing.Contracts.Events.V1;

/// <summary>An applicant's signature was added to one document (one event per document).</summary>
/// <param name="Field">The signature field, e.g. <c>Borrower</c>, <c>CoBorrower1</c>.</param>
/// <param name="Document">The new revision the signature produced.</param>
/// <param name="CertificateSerial">Serial (hex) of the signer's event certificate.</param>
public sealed record DocumentSigned(
    Guid CaseId,
    string ApplicationNumber,
    DateTimeOffset OccurredAt,
    string Field,
    string Role,
    DocumentDigest Document,
    string CertificateSerial) : ICaseEvent;
