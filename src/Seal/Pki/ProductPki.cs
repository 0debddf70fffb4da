using OneThing.Seal.Pki.Timestamps;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using OneThing.Seal.Pki.Authority;
using OneThing.Seal.Pki.Certificates;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Pki.Keys.Pkcs11;
using OneThing.Seal.Pki.Revocation;

namespace OneThing.Seal.Pki;

/// <summary>
/// The product's PKI and trust services in one place: CAs, seal and officer keys, applicant
/// (event) certificate issuance, CRLs, the OCSP responder, the timestamp authority with an
/// in-process client, and an <see cref="IRevocationSource"/> for the product's own certificates.
/// Get one from <see cref="Store.PkiDirectory"/> (persisted) or <see cref="CreateInMemory"/> (tests, benchmarks).
/// </summary>
public sealed class ProductPki : IDisposable
{
    private readonly PkiComponents _components;
    private readonly PkiOptions _options;
    private readonly TimeProvider _clock;
    private readonly IReadOnlyList<IDisposable> _owned;
    private readonly Dictionary<string, CrlPublisher> _crls;

    public ProductPki(PkiComponents components, PkiOptions options, TimeProvider clock, bool isDevelopment, IReadOnlyList<IDisposable>? owned = null, Pkcs11Module? pkcs11 = null)
    {
        Pkcs11 = pkcs11;
        _components = components;
        _options = options;
        _clock = clock;
        _owned = owned ?? [];
        IsDevelopment = isDevelopment;
        Urls = new PkiUrls(options.BaseUrl);
        Authorities = [components.RootCa, components.IssuingCa];
        _crls = Authorities.ToDictionary(a => a.Name, a => new CrlPublisher(a, options.CrlValidity, clock), StringComparer.Ordinal);
        OcspResponder = new OcspResponder(
            [OcspSigner.ByAuthority(components.RootCa), new OcspSigner(components.IssuingCa, components.OcspResponder.PrivateKey, components.OcspResponder.Certificate)],
            options.OcspResponseValidity, clock);
        TimestampAuthority = new TimestampAuthority(
            components.TimestampAuthority, new TimestampAuthorityOptions { PolicyOid = options.TimestampPolicyOid, AccuracyMillis = options.TimestampAccuracyMillis }, clock);
        TimestampClient = new InProcessTimestampClient(TimestampAuthority, clock);
        RevocationSource = new CaRevocationSource(OcspResponder, [.. _crls.Values]);
    }

    /// <summary>A development PKI: made on the fly, keys unprotected; must never seal real contracts.</summary>
    public bool IsDevelopment { get; }

    public PkiUrls Urls { get; }

    /// <summary>
    /// The PKI's key family, taken from the issuing CA's key, so a loaded PKI issues applicant and officer keys
    /// of its own family whatever the options say (an SM2 CA never certifies an ECDSA event key).
    /// </summary>
    public KeyAlgorithm KeyAlgorithm => IssuingCa.Key.Algorithm;

    public CertificateAuthority RootCa => _components.RootCa;

    public CertificateAuthority IssuingCa => _components.IssuingCa;

    public IReadOnlyList<CertificateAuthority> Authorities { get; }

    /// <summary>What verifiers must trust: the root certificate.</summary>
    public IReadOnlyList<X509Certificate> TrustAnchors => [RootCa.Certificate];

    /// <summary>
    /// The certificates a B-LTA extension gathers validation data for beyond the document's own
    /// signers: the issuing chain and the TSA's certificate and chain.
    /// </summary>
    public IReadOnlyList<X509Certificate> LongTermValidationCertificates =>
        [.. IssuingCa.Chain, TimestampAuthorityKey.Certificate, .. TimestampAuthorityKey.Chain];

    public OcspResponder OcspResponder { get; }

    public TimestampAuthority TimestampAuthority { get; }

    /// <summary>Timestamps from the built-in TSA without HTTP, checked like any reply.</summary>
    public ITimestampClient TimestampClient { get; }

    /// <summary>OCSP responses and CRLs for the product's own certificates, made in-process.</summary>
    public IRevocationSource RevocationSource { get; }

    public IReadOnlyList<CentreSealKey> Seals => _components.Seals;

    public IReadOnlyList<LoanOfficerKey> Officers => _components.Officers;

    /// <summary>The PKCS#11 module the PKI's token keys live in, if any; open further tokens through it, not anew.</summary>
    public Pkcs11Module? Pkcs11 { get; }

    public CertifiedSigningKey OcspResponderKey => _components.OcspResponder;

    public CertifiedSigningKey TimestampAuthorityKey => _components.TimestampAuthority;

    public static ProductPki CreateInMemory(PkiOptions? options = null, TimeProvider? clock = null)
    {
        options ??= new PkiOptions();
        clock ??= TimeProvider.System;
        var components = PkiProvisioner.Create(options, clock, _ => RevocationRegistry.InMemory(), development: true);
        return new ProductPki(components, options, clock, isDevelopment: true, OwnedKeys(components));
    }

    public CentreSealKey GetSeal(string sealCode) =>
        Seals.FirstOrDefault(s => s.SealCode == sealCode) ?? throw new KeyNotFoundException($"No seal with code '{sealCode}' in this PKI.");

    public LoanOfficerKey GetOfficer(string officerId) =>
        Officers.FirstOrDefault(o => o.OfficerId == officerId) ?? throw new KeyNotFoundException($"No loan officer '{officerId}' in this PKI.");

    public CertificateAuthority GetAuthority(string caName) =>
        Authorities.FirstOrDefault(a => a.Name == caName) ?? throw new KeyNotFoundException($"No CA named '{caName}'.");

    /// <summary>The current CRL of the CA <paramref name="caName"/> (cached, regenerated on revocation).</summary>
    public X509Crl GetCrl(string caName) =>
        _crls.TryGetValue(caName, out var publisher) ? publisher.GetCurrent() : throw new KeyNotFoundException($"No CA named '{caName}'.");

    /// <summary>
    /// Issues an applicant's short-lived event certificate binding <paramref name="name"/> and the
    /// 18-digit <paramref name="idNumber"/> (subject serialNumber) to <paramref name="publicKey"/>.
    /// The caller must have verified the applicant's identity and intent to sign first.
    /// </summary>
    public X509Certificate IssueSignerCertificate(string name, string idNumber, AsymmetricKeyParameter publicKey, TimeSpan? validity = null) =>
        IssuingCa.Issue(CertificateProfiles.Applicant, SubjectNames.Applicant(name, idNumber), publicKey, validity ?? _options.ApplicantCertificateValidity);

    /// <summary>Generates a server-held event key for an applicant and certifies it (the usual event-certificate model).</summary>
    public CertifiedSigningKey IssueSignerKey(string name, string idNumber, TimeSpan? validity = null)
    {
        var key = InMemoryPrivateKey.Generate(KeyAlgorithm);
        return new CertifiedSigningKey(key, IssueSignerCertificate(name, idNumber, key.PublicKey, validity), IssuingCa.Chain);
    }

    /// <summary>Issues an in-memory officer key that is not stored with the PKI (tests, temporary staff keys).</summary>
    public LoanOfficerKey IssueOfficerKey(string officerId, string name, string centreName) =>
        new(officerId, name, centreName, PkiProvisioner.IssueInMemory(IssuingCa, CertificateProfiles.LoanOfficer, SubjectNames.LoanOfficer(centreName, name, officerId), KeyAlgorithm));

    /// <summary>
    /// Issues an in-memory GB/T 38540 seal maker key of the PKI's family (a development PKI and the demo make their
    /// centres' seals with it; in production seals come from the provincial seal platform).
    /// </summary>
    public CertifiedSigningKey IssueSealMakerKey(string name = "OneThing Seal Maker") =>
        PkiProvisioner.IssueInMemory(IssuingCa, CertificateProfiles.SealMaker, SubjectNames.Authority(name), KeyAlgorithm);

    /// <summary>Revokes a certificate of any of the PKI's CAs; the next CRL and every OCSP answer show it.</summary>
    public IssuedCertificateRecord Revoke(BigInteger serialNumber, RevocationReason reason)
    {
        var authority = Authorities.FirstOrDefault(a => a.Registry.Find(serialNumber) is not null)
            ?? throw new KeyNotFoundException($"No certificate with serial number {serialNumber.ToString(16)} was issued by this PKI.");
        return authority.Revoke(serialNumber, reason);
    }

    /// <summary>A revocation source for the product's certificates that asks <paramref name="fallback"/> about anyone else's.</summary>
    public IRevocationSource CreateRevocationSource(IRevocationSource? fallback) =>
        new CaRevocationSource(OcspResponder, [.. _crls.Values], includeCrls: true, fallback);

    /// <summary>
    /// Records and answers every CA's issued and revoked certificates through <paramref name="ledger"/>
    /// (shared by the service's instances), after copying the local journals into it.
    /// </summary>
    public void ShareRecordsWith(ICertificateLedger ledger)
    {
        foreach (var authority in Authorities) authority.Registry.UseLedger(authority.Name, ledger);
    }

    public IssuedCertificateRecord? FindIssued(BigInteger serialNumber) =>
        Authorities.Select(a => a.Registry.Find(serialNumber)).FirstOrDefault(r => r is not null);

    internal static IReadOnlyList<IDisposable> OwnedKeys(PkiComponents components) =>
    [
        components.RootCa.Key, components.IssuingCa.Key, components.OcspResponder, components.TimestampAuthority,
        .. components.Seals.Select(s => s.Key), .. components.Officers.Select(o => o.Key),
    ];

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }
}
