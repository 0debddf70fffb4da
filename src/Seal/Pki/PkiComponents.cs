using OneThing.Seal.Pki.Authority;
using OneThing.Seal.Pki.Keys;

namespace OneThing.Seal.Pki;

/// <summary>A centre's seal key: the key that applies the centre's electronic seal.</summary>
public sealed record CentreSealKey(string CentreName, string SealCode, CertifiedSigningKey Key);

/// <summary>A loan officer's countersigning key.</summary>
public sealed record LoanOfficerKey(string OfficerId, string Name, string CentreName, CertifiedSigningKey Key);

/// <summary>The loaded parts a <see cref="ProductPki"/> is made of, however they were obtained.</summary>
public sealed record PkiComponents(
    CertificateAuthority RootCa,
    CertificateAuthority IssuingCa,
    CertifiedSigningKey OcspResponder,
    CertifiedSigningKey TimestampAuthority,
    IReadOnlyList<CentreSealKey> Seals,
    IReadOnlyList<LoanOfficerKey> Officers);
