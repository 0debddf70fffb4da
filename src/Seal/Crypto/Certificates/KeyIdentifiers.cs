using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace OneThing.Seal.Crypto.Certificates;

/// <summary>Reads authority/subject key identifiers, which disambiguate issuers with equal names.</summary>
public static class KeyIdentifiers
{
    public static byte[]? Authority(X509Certificate certificate)
    {
        var value = certificate.GetExtensionValue(X509Extensions.AuthorityKeyIdentifier);
        return value is null ? null : AuthorityKeyIdentifier.GetInstance(X509ExtensionUtilities.FromExtensionValue(value)).KeyIdentifier?.GetOctets();
    }

    public static byte[]? Subject(X509Certificate certificate)
    {
        var value = certificate.GetExtensionValue(X509Extensions.SubjectKeyIdentifier);
        return value is null ? null : SubjectKeyIdentifier.GetInstance(X509ExtensionUtilities.FromExtensionValue(value)).GetKeyIdentifier();
    }

    public static byte[] KeyHash(X509Certificate certificate) =>
        System.Security.Cryptography.SHA1.HashData(certificate.SubjectPublicKeyInfo.PublicKey.GetBytes());
}
