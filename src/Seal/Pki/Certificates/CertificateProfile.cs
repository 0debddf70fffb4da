using Org.BouncyCastle.Asn1.X509;

namespace OneThing.Seal.Pki.Certificates;

/// <summary>
/// What a certificate of one kind may do: CA or not, key usage, extended key usages, whether it
/// points at revocation services (CRL distribution point, AIA) and its default lifetime.
/// </summary>
/// <param name="Name">Short name used in logs, the CLI and the revocation registry.</param>
/// <param name="KeyUsage">Bits from <see cref="Org.BouncyCastle.Asn1.X509.KeyUsage"/>.</param>
/// <param name="OcspNoCheck">id-pkix-ocsp-nocheck: set on delegated OCSP responder certificates only.</param>
public sealed record CertificateProfile(
    string Name,
    bool IsCertificateAuthority,
    int? PathLength,
    int KeyUsage,
    IReadOnlyList<KeyPurposeID> ExtendedKeyUsages,
    bool ExtendedKeyUsageCritical,
    bool IncludeRevocationPointers,
    bool OcspNoCheck,
    TimeSpan DefaultValidity);
