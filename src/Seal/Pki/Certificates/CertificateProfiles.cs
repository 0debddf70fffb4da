using Org.BouncyCastle.Asn1.X509;

namespace OneThing.Seal.Pki.Certificates;

/// <summary>The certificate kinds of the product's hierarchy: root → issuing CA → seal, officer, applicant, TSA, OCSP.</summary>
internal static class CertificateProfiles
{
    // Document-signing certificates carry emailProtection besides documentSigning (RFC 9336)
    // because NSS (pdfsig) validates PDF signers for the "email signer" usage and rejects an EKU without it.
    private static readonly KeyPurposeID[] DocumentSigning = [KeyPurposeID.id_kp_documentSigning, KeyPurposeID.id_kp_emailProtection];

    private const int SignOnly = KeyUsage.DigitalSignature | KeyUsage.NonRepudiation;

    public static CertificateProfile RootCa { get; } = new(
        "root-ca", true, null, KeyUsage.KeyCertSign | KeyUsage.CrlSign, [], false, false, false, TimeSpan.FromDays(365 * 30));

    public static CertificateProfile IssuingCa { get; } = new(
        "issuing-ca", true, 0, KeyUsage.KeyCertSign | KeyUsage.CrlSign | KeyUsage.DigitalSignature, [], false, true, false, TimeSpan.FromDays(365 * 15));

    /// <summary>The centre's electronic seal (电子印章): long-lived, non-repudiation.</summary>
    public static CertificateProfile CentreSeal { get; } = new(
        "centre-seal", false, null, SignOnly, DocumentSigning, false, true, false, TimeSpan.FromDays(365 * 3));

    public static CertificateProfile LoanOfficer { get; } = new(
        "loan-officer", false, null, SignOnly, DocumentSigning, false, true, false, TimeSpan.FromDays(365 * 2));

    /// <summary>The event certificate of an applicant: issued after identity and intent checks, short-lived.</summary>
    public static CertificateProfile Applicant { get; } = new(
        "applicant", false, null, SignOnly, DocumentSigning, false, true, false, TimeSpan.FromHours(1));

    /// <summary>RFC 3161 §2.3: the TSA certificate has exactly one EKU, timeStamping, marked critical.</summary>
    public static CertificateProfile TimestampAuthority { get; } = new(
        "tsa", false, null, SignOnly, [KeyPurposeID.id_kp_timeStamping], true, true, false, TimeSpan.FromDays(365 * 10));

    /// <summary>RFC 6960 §4.2.2.2 delegated responder; ocsp-nocheck because its own status cannot be asked of itself.</summary>
    public static CertificateProfile OcspResponder { get; } = new(
        "ocsp-responder", false, null, KeyUsage.DigitalSignature, [KeyPurposeID.id_kp_OCSPSigning], false, false, true, TimeSpan.FromDays(365));

    /// <summary>A GB/T 38540 seal maker (制章人): signs the seals (SESeal) it makes, nothing else.</summary>
    public static CertificateProfile SealMaker { get; } = new(
        "seal-maker", false, null, SignOnly, [], false, true, false, TimeSpan.FromDays(365 * 5));

    public static IReadOnlyList<CertificateProfile> All { get; } = [RootCa, IssuingCa, CentreSeal, LoanOfficer, Applicant, TimestampAuthority, OcspResponder, SealMaker];

    public static CertificateProfile ByName(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"Unknown certificate profile '{name}'. Known: {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));
}
