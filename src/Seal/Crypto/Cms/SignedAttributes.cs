using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Attribute = Org.BouncyCastle.Asn1.Cms.Attribute;

namespace OneThing.Seal.Crypto.Cms;

/// <summary>
/// The PAdES baseline signed attributes (ETSI EN 319 142-1 §5.2): content-type, message-digest and
/// signing-certificate-v2 — and deliberately no signing-time (the time is /M and the timestamp).
/// </summary>
public static class SignedAttributes
{
    public static Asn1Set Build(byte[] messageDigest, X509Certificate signer) => Build(messageDigest, signer, sm3: false);

    /// <param name="sm3">Identify the certificate by its SM3 hash (SM2 signatures keep to the national algorithms throughout).</param>
    public static Asn1Set Build(byte[] messageDigest, X509Certificate signer, bool sm3)
    {
        var issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(signer.IssuerDN)), new DerInteger(signer.SerialNumber));
        // EssCertIDv2 omits the hash algorithm when it is the default SHA-256.
        var essCertId = sm3
            ? new EssCertIDv2(SignerInfoAlgorithms.Sm3, Algorithms.DigestAlgorithms.Hash(Algorithms.DigestAlgorithms.Sm3Name, signer.GetEncoded()), issuerSerial)
            : new EssCertIDv2(SHA256.HashData(signer.GetEncoded()), issuerSerial);
        var vector = new Asn1EncodableVector
        {
            new Attribute(PkcsObjectIdentifiers.Pkcs9AtContentType, new DerSet(CmsObjectIdentifiers.Data)),
            new Attribute(PkcsObjectIdentifiers.Pkcs9AtMessageDigest, new DerSet(new DerOctetString(messageDigest))),
            new Attribute(PkcsObjectIdentifiers.IdAASigningCertificateV2, new DerSet(new SigningCertificateV2([essCertId]))),
        };
        return new DerSet(vector);
    }

    /// <summary>The DER bytes the signer's key signs (the SET OF attributes, §5.4 of RFC 5652).</summary>
    public static byte[] ToSign(Asn1Set signedAttributes) => signedAttributes.GetEncoded(Asn1Encodable.Der);
}
