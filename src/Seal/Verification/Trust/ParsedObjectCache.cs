using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OneThing.Seal.Crypto.Certificates;
using OneThing.Seal.Crypto.Signatures;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.Trust;

/// <summary>
/// Certificates, OCSP responses and CRLs already parsed by this verifier, keyed by their complete
/// encoding (compared byte for byte, never by name or serial): documents sealed by the same centre
/// carry the same CA, TSA, seal and responder certificates, and parsing them was a large share of
/// every verification. Only the parse is shared; every check on the parsed object runs per document.
/// A full cache is dropped to bound memory.
/// </summary>
public sealed class ParsedObjectCache(IOptions<VerificationOptions> options)
{
    private readonly int _capacity = options.Value.SignatureCacheSize;
    private readonly ConcurrentDictionary<byte[], X509Certificate> _certificates = new(ByteContentComparer.Instance);
    private readonly ConcurrentDictionary<byte[], OcspEvidence?> _ocsp = new(ByteContentComparer.Instance);
    private readonly ConcurrentDictionary<byte[], X509Crl?> _crls = new(ByteContentComparer.Instance);

    /// <exception cref="FormatException">The bytes are not a certificate.</exception>
    public X509Certificate Certificate(ReadOnlySpan<byte> der) => Get(_certificates, der, static bytes =>
    {
        try
        {
            var certificate = new X509CertificateParser().ReadCertificate(bytes) ?? throw new FormatException("not a certificate");
            // BouncyCastle decodes extensions and the signature bits only when asked: decode what path
            // building and the TSA and signer checks read now, so a damaged one makes the certificate
            // malformed here, where every caller expects it, instead of an exception in the middle of a check.
            _ = certificate.GetSignature();
            _ = certificate.GetExtendedKeyUsage();
            _ = certificate.GetKeyUsage();
            _ = certificate.GetBasicConstraints();
            _ = certificate.GetCriticalExtensionOids();
            _ = KeyIdentifiers.Subject(certificate);
            _ = KeyIdentifiers.Authority(certificate);
            return certificate;
        }
        catch (Exception e) when (e is Org.BouncyCastle.Security.Certificates.CertificateException or IOException or ArgumentException or InvalidCastException or InvalidOperationException)
        {
            throw new FormatException($"malformed certificate: {e.Message}", e);
        }
    });

    /// <summary>A successful OCSP response (full or bare BasicOCSPResponse), null when malformed or unsuccessful.</summary>
    public OcspEvidence? Ocsp(ReadOnlySpan<byte> der) => Get(_ocsp, der, bytes =>
    {
        if (ValidationMaterial.ParseOcsp(bytes) is not { } response)
        {
            return null;
        }
        try
        {
            return new OcspEvidence(response, response.GetCerts().Select(c => Certificate(c.GetEncoded())).ToArray());
        }
        catch (FormatException)
        {
            return null;
        }
    });

    /// <summary>A CRL, null when malformed.</summary>
    public X509Crl? Crl(ReadOnlySpan<byte> der) => Get(_crls, der, ValidationMaterial.ParseCrl);

    private T Get<T>(ConcurrentDictionary<byte[], T> map, ReadOnlySpan<byte> der, Func<byte[], T> parse)
    {
        if (_capacity == 0)
        {
            return parse(der.ToArray());
        }
        var lookup = map.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (lookup.TryGetValue(der, out var known))
        {
            return known;
        }
        var bytes = der.ToArray();
        var parsed = parse(bytes);
        if (map.Count >= _capacity)
        {
            map.Clear();
        }
        map[bytes] = parsed;
        return parsed;
    }
}
