using OneThing.Seal.Verification.Report;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.Trust;

/// <summary>A certificate path from an end-entity certificate up to (and including) a trust anchor, and how building it went.</summary>
public sealed record CertificatePath(IReadOnlyList<X509Certificate> Certificates, CheckResult Check)
{
    public bool IsTrusted => Check.Status == CheckStatus.Passed;

    /// <summary>Issuer of <paramref name="certificate"/> within this path, if any.</summary>
    public X509Certificate? IssuerOf(X509Certificate certificate)
    {
        for (var i = 0; i + 1 < Certificates.Count; i++)
        {
            if (Certificates[i].Equals(certificate))
            {
                return Certificates[i + 1];
            }
        }
        return null;
    }
}
