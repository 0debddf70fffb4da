using Org.BouncyCastle.Security.Certificates;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.Trust;

/// <summary>The certificates a relying party trusts (the centre's root CA, loaded from PEM files given with --trust).</summary>
public sealed class TrustAnchors
{
    private readonly HashSet<X509Certificate> _certificates; // BouncyCastle certificates are equal when their encodings are

    public TrustAnchors(IEnumerable<X509Certificate> certificates)
    {
        Certificates = certificates.DistinctBy(c => Convert.ToBase64String(c.GetEncoded())).ToArray();
        _certificates = [.. Certificates];
    }

    public static TrustAnchors None { get; } = new([]);

    public IReadOnlyList<X509Certificate> Certificates { get; }

    public bool Contains(X509Certificate certificate) => _certificates.Contains(certificate);

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
