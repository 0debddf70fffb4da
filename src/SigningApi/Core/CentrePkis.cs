using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Revocation;
using OneThing.SigningApi.Core.Configuration;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace OneThing.SigningApi.Core;

/// <summary>
/// The service's PKIs by centre: every centre configured <c>international</c> signs with the main PKI (section
/// <c>Pki</c>), every <c>sm2</c> centre with the SM2 PKI beside it (its trust services under <c>/sm2</c>). A case's
/// signatures, timestamps, revocation data and seal all come from the family of the centre whose code scopes it.
/// </summary>
public sealed class CentrePkis(PkiFamily international, PkiFamily? sm2, CentreDirectory centres)
{
    /// <summary>Keyed-service name of the SM2 family's <see cref="ProductPki"/>.</summary>
    public const string Sm2Key = "sm2";

    /// <summary>Name of the main PKI in health reasons and metric labels (the SM2 PKI's is <see cref="Sm2Key"/>), as in <c>issued_certificates.Pki</c>.</summary>
    public const string MainName = "main";

    /// <summary>Path prefix of the SM2 PKI's trust services (CRLs, CA certificates, OCSP, TSA).</summary>
    public const string Sm2PathPrefix = "/sm2";

    public PkiFamily International { get; } = international;
    public PkiFamily? Sm2 { get; } = sm2;

    public IEnumerable<PkiFamily> All => Sm2 is null ? [International] : [International, Sm2];

    /// <summary>Every family with the name operators see it by (<c>main</c>, <c>sm2</c>): the keys' check and the expiry gauges label their results with it.</summary>
    public IEnumerable<(string Name, PkiFamily Family)> Named => Sm2 is null ? [(MainName, International)] : [(MainName, International), (Sm2Key, Sm2)];

    /// <summary>The family of the centre with this code.</summary>
    public PkiFamily For(string centreCode) => centres.IsSm2(centreCode)
        ? Sm2 ?? throw new InvalidOperationException($"centre {centreCode} is sm2 but the service has no SM2 PKI")
        : International;

    /// <summary>What verifiers of the service's documents trust: every family's root.</summary>
    public IReadOnlyList<X509Certificate> TrustAnchors => [.. All.SelectMany(f => f.Pki.TrustAnchors)];

    /// <summary>Revokes a certificate issued by whichever of the service's PKIs issued it.</summary>
    public IssuedCertificateRecord Revoke(BigInteger serialNumber, RevocationReason reason) =>
        (All.FirstOrDefault(f => f.Pki.FindIssued(serialNumber) is not null) ?? International).Pki.Revoke(serialNumber, reason);
}
