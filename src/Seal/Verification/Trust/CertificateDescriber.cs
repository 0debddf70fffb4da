using System.Security.Cryptography;
using OneThing.Seal.Verification.Report;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.Trust;

/// <summary>Turns a certificate into the report's <see cref="CertificateInfo"/>.</summary>
internal static class CertificateDescriber
{
    public static CertificateInfo Describe(X509Certificate certificate) => new(
        certificate.SubjectDN.ToString(),
        certificate.IssuerDN.ToString(),
        certificate.SerialNumber.ToString(16).ToUpperInvariant(),
        new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
        new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
        Convert.ToHexString(SHA256.HashData(certificate.GetEncoded())));

    public static string Name(X509Certificate certificate) => certificate.SubjectDN.ToString();

    public static bool IsValidAt(X509Certificate certificate, DateTimeOffset time, TimeSpan skew) =>
        time.UtcDateTime >= certificate.NotBefore.ToUniversalTime() - skew
        && time.UtcDateTime <= certificate.NotAfter.ToUniversalTime() + skew;
}
