using Org.BouncyCastle.Security.Certificates;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.Trust;

/// <summary>The certificates a relying party trusts (the centre's root CA, loaded from PEM files given with --trust).</summary>
public sealed class TrustAnchors
{
    private readonly HashSet<string> _fingerprints;

    public TrustAnchors(IEnumerable<X509Certificate> certificates)
    {
        Certificates = certificates.DistinctBy(c => Convert.ToBase64String(c.GetEncoded())).ToArray();
        _fingerprints = Certificates.Select(c => Convert.ToBase64String(c.GetEncoded())).ToHashSet(StringComparer.Ordinal);
    }

    public static TrustAnchors None { get; } = new([]);

    public IReadOnlyList<X509Certificate> Certificates { get; }

    public bool Contains(X509Certificate certificate) => _fingerprints.Contains(Convert.ToBase64String(certificate.GetEncoded()));

    /// <summary>Reads every certificate from PEM (or DER) text/bytes.</summary>
    public static IReadOnlyList<X509Certificate> Parse(byte[] pemOrDer)
    {
        try
        {
            var parsed = new X509CertificateParser().ReadCertificates(pemOrDer);
            if (parsed.Count == 0)
            {
                throw new FormatException("no certificate found");
            }
            return parsed.ToArray();
        }
        catch (CertificateException e)
        {
            throw new FormatException($"not a certificate file: {e.Message}", e);
        }
    }
}
