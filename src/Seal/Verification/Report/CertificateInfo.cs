namespace OneThing.Seal.Verification.Report;

/// <summary>The parts of a certificate a reader of the report needs to identify it.</summary>
public sealed record CertificateInfo(
    string Subject,
    string Issuer,
    string SerialNumber,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string Sha256Fingerprint);
