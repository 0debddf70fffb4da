using OneThing.Seal.Crypto.Certificates;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using OneThing.Seal.Pki.Certificates;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Pki.Revocation;

namespace OneThing.Seal.Pki.Authority;

/// <summary>
/// One certification authority of the product: its key, its certificate and chain, and the
/// registry of everything it issued. Every issued certificate is recorded before it is returned,
/// so OCSP can say "good" only for certificates this CA really issued.
/// </summary>
public sealed class CertificateAuthority
{
    private readonly IPrivateKey _key;
    private readonly PkiUrls _urls;
    private readonly TimeProvider _clock;

    /// <param name="name">URL-safe name, used in the CRL and AIA paths (e.g. <c>issuing-ca</c>).</param>
    /// <param name="chain">This CA's certificate first, then its issuers up to the root.</param>
    public CertificateAuthority(string name, IPrivateKey key, IReadOnlyList<X509Certificate> chain, RevocationRegistry registry, PkiUrls urls, TimeProvider clock)
    {
        if (chain.Count == 0 || !chain[0].GetPublicKey().Equals(key.PublicKey))
        {
            throw new ArgumentException($"The certificate of CA '{name}' does not match its key.", nameof(chain));
        }

        Name = name;
        _key = key;
        Chain = chain;
        Registry = registry;
        _urls = urls;
        _clock = clock;
    }

    public string Name { get; }

    public X509Certificate Certificate => Chain[0];

    public IReadOnlyList<X509Certificate> Chain { get; }

    public RevocationRegistry Registry { get; }

    /// <summary>The CA's key, for the CRL and OCSP signers of this assembly only.</summary>
    internal IPrivateKey Key => _key;

    public RevocationPointers RevocationPointers => new(_urls.Crl(Name), _urls.Ocsp, _urls.CaCertificate(Name));

    /// <summary>Creates a self-signed root certificate for <paramref name="key"/>.</summary>
    public static X509Certificate CreateRootCertificate(X509Name subject, IPrivateKey key, DateTime notBefore, TimeSpan validity) =>
        CertificateBuilder.Build(new Certificates.CertificateRequest(CertificateProfiles.RootCa, subject, key.PublicKey, notBefore, notBefore + validity), subject, key, null, null);

    /// <summary>Issues a certificate under <paramref name="profile"/>, records it, and returns it.</summary>
    public X509Certificate Issue(CertificateProfile profile, X509Name subject, AsymmetricKeyParameter publicKey, TimeSpan? validity = null)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        // Back-date a little so that verifiers with a slightly slow clock accept a fresh certificate.
        var notBefore = now.AddMinutes(-5);
        var notAfter = now + (validity ?? profile.DefaultValidity);
        if (notAfter > Certificate.NotAfter)
        {
            notAfter = Certificate.NotAfter;
        }

        var certificate = CertificateBuilder.Build(
            new Certificates.CertificateRequest(profile, subject, publicKey, notBefore, notAfter), Certificate.SubjectDN, _key, Certificate, RevocationPointers);
        Registry.RecordIssued(certificate, profile.Name);
        return certificate;
    }

    /// <summary>True when <paramref name="certificate"/> names this CA as issuer and carries its signature.</summary>
    public bool IsIssuerOf(X509Certificate certificate)
    {
        return certificate.IssuerDN.Equivalent(Certificate.SubjectDN, true) && CertificateSignature.IsSignedBy(certificate, Certificate);
    }

    public IssuedCertificateRecord Revoke(BigInteger serialNumber, RevocationReason reason) =>
        Registry.Revoke(serialNumber, reason, _clock.GetUtcNow().UtcDateTime);
}
