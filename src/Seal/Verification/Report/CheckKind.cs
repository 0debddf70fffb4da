namespace OneThing.Seal.Verification.Report;

/// <summary>What a <see cref="CheckResult"/> is about; each kind has a bilingual label in <see cref="ReportLabels"/>.</summary>
public enum CheckKind
{
    ByteRange,
    Integrity,
    CmsSignature,
    SigningCertificateBinding,
    CertificateChain,
    Revocation,
    SignatureTimestamp,
    DocumentTimestamp,
    SigningTime,
    Coverage,
    Modifications,
    /// <summary>The GB/T 38540 seal signature (SES_Signature) carried beside the CMS.</summary>
    ElectronicSeal,
}
