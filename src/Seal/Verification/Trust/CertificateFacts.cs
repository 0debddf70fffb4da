using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using OneThing.Seal.Crypto.Certificates;
using OneThing.Seal.Verification.Report;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.Trust;

/// <summary>
/// What the verifier reads from a certificate, each decoded once: BouncyCastle re-parses an extension
/// (and re-encodes names and keys) on every call, and path building asks the same questions of the
/// same CA, TSA and responder certificates in every document. Each value is a pure function of the
/// certificate's bytes; a value that fails to decode throws again on every call, as before.
/// </summary>
public sealed class CertificateFacts
{
    private readonly Lazy<byte[]?> _authorityKeyId;
    private readonly Lazy<byte[]?> _subjectKeyId;
    private readonly Lazy<byte[]> _keyHash;
    private readonly Lazy<IReadOnlyList<string>?> _extendedKeyUsage;
    private readonly Lazy<IReadOnlySet<string>> _criticalExtensions;
    private readonly Lazy<bool[]?> _keyUsage;
    private readonly Lazy<int> _basicConstraints;
    private readonly Lazy<byte[]> _issuerName;
    private readonly Lazy<CertificateInfo> _info;
    private readonly Lazy<byte[]> _encoded;
    private readonly ConcurrentDictionary<X509Certificate, bool> _signedBy = new();
    private readonly ConcurrentDictionary<X509Certificate, bool> _namedIssuer = new();

    internal CertificateFacts(X509Certificate certificate)
    {
        const LazyThreadSafetyMode mode = LazyThreadSafetyMode.PublicationOnly;
        Name = certificate.SubjectDN.ToString();
        _authorityKeyId = new(() => KeyIdentifiers.Authority(certificate), mode);
        _subjectKeyId = new(() => KeyIdentifiers.Subject(certificate), mode);
        _keyHash = new(() => KeyIdentifiers.KeyHash(certificate), mode);
        _extendedKeyUsage = new(() => certificate.GetExtendedKeyUsage()?.Select(u => u.Id).ToArray(), mode);
        _criticalExtensions = new(() => certificate.GetCriticalExtensionOids() is { } oids ? oids.ToHashSet(StringComparer.Ordinal) : new HashSet<string>(), mode);
        _keyUsage = new(certificate.GetKeyUsage, mode);
        _basicConstraints = new(certificate.GetBasicConstraints, mode);
        _issuerName = new(() => certificate.IssuerDN.GetEncoded(), mode);
        _info = new(() => CertificateDescriber.Describe(certificate), mode);
        _encoded = new(certificate.GetEncoded, mode);
    }

    public string Name { get; }
    public byte[]? AuthorityKeyIdentifier => _authorityKeyId.Value;
    public byte[]? SubjectKeyIdentifier => _subjectKeyId.Value;

    /// <summary>SHA-1 of the public key bits (OCSP responder id by key).</summary>
    public byte[] KeyHash => _keyHash.Value;

    /// <summary>Extended key usage OIDs, null without the extension.</summary>
    public IReadOnlyList<string>? ExtendedKeyUsage => _extendedKeyUsage.Value;

    public IReadOnlySet<string> CriticalExtensions => _criticalExtensions.Value;
    public bool[]? KeyUsage => _keyUsage.Value;
    public int BasicConstraints => _basicConstraints.Value;

    /// <summary>The DER of the issuer name.</summary>
    public byte[] IssuerName => _issuerName.Value;

    public CertificateInfo Info => _info.Value;

    /// <summary>The certificate's DER (BouncyCastle hands out a fresh copy per call; shared here: do not modify).</summary>
    public byte[] Encoded => _encoded.Value;

    /// <summary>Whether this certificate's signature verifies with <paramref name="issuer"/>'s key, asked once per issuer.</summary>
    public bool SignedBy<TState>(X509Certificate issuer, Func<X509Certificate, TState, bool> verify, TState state) =>
        _signedBy.GetOrAdd(issuer, verify, state);

    /// <summary>Whether <paramref name="issuer"/>'s name (and key identifier, when both carry one) is the one this certificate names as issuer.</summary>
    public bool NamesAsIssuer<TState>(X509Certificate issuer, Func<X509Certificate, TState, bool> decide, TState state) =>
        _namedIssuer.GetOrAdd(issuer, decide, state);
}

/// <summary>The <see cref="CertificateFacts"/> of certificates this verifier has met, held as long as the certificate objects live.</summary>
public sealed class CertificateFactsCache : ICertificateParts
{
    private readonly ConditionalWeakTable<X509Certificate, CertificateFacts> _facts = new();

    public CertificateFacts Of(X509Certificate certificate) => _facts.GetValue(certificate, static c => new CertificateFacts(c));

    byte[] ICertificateParts.IssuerName(X509Certificate certificate) => Of(certificate).IssuerName;
    byte[]? ICertificateParts.SubjectKeyIdentifier(X509Certificate certificate) => Of(certificate).SubjectKeyIdentifier;
    byte[] ICertificateParts.Encoded(X509Certificate certificate) => Of(certificate).Encoded;

    /// <summary>The report's description of each certificate of a path above the first (its issuers).</summary>
    public CertificateInfo[] IssuersInfo(CertificatePath? path)
    {
        if (path is null || path.Certificates.Count < 2)
        {
            return [];
        }
        var infos = new CertificateInfo[path.Certificates.Count - 1];
        for (var i = 0; i < infos.Length; i++)
        {
            infos[i] = Of(path.Certificates[i + 1]).Info;
        }
        return infos;
    }

    /// <summary>Names and key identifiers chain (RFC 5280 §4.2.1.1): <paramref name="issuer"/> may have issued <paramref name="child"/>.</summary>
    public bool MayHaveIssued(X509Certificate issuer, X509Certificate child) => Of(child).NamesAsIssuer(issuer, static (candidate, state) =>
    {
        var (facts, child) = state;
        if (!candidate.SubjectDN.Equivalent(child.IssuerDN, true))
        {
            return false;
        }
        var aki = facts.Of(child).AuthorityKeyIdentifier;
        var ski = facts.Of(candidate).SubjectKeyIdentifier;
        return aki is null || ski is null || aki.AsSpan().SequenceEqual(ski);
    }, (Facts: this, Child: child));
}
