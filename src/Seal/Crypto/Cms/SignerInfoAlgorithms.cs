using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;

namespace OneThing.Seal.Crypto.Cms;

/// <summary>Algorithm identifiers for the CMS SignerInfo (digest is always SHA-256).</summary>
internal static class SignerInfoAlgorithms
{
    public static AlgorithmIdentifier Sha256 { get; } = new(NistObjectIdentifiers.IdSha256);

    public static AlgorithmIdentifier For(string signatureAlgorithm) => signatureAlgorithm.ToUpperInvariant() switch
    {
        "SHA256WITHECDSA" => new AlgorithmIdentifier(X9ObjectIdentifiers.ECDsaWithSha256),
        "SHA256WITHRSA" => new AlgorithmIdentifier(PkcsObjectIdentifiers.Sha256WithRsaEncryption, DerNull.Instance),
        _ => Org.BouncyCastle.Operators.Utilities.DefaultSignatureAlgorithmFinder.Instance.Find(signatureAlgorithm),
    };
}
