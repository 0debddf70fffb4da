using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.X509;
using Attribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using IssuerAndSerialNumber = Org.BouncyCastle.Asn1.Cms.IssuerAndSerialNumber;
using ContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;
using SignedData = Org.BouncyCastle.Asn1.Cms.SignedData;
using SignerInfo = Org.BouncyCastle.Asn1.Cms.SignerInfo;

namespace OneThing.Seal.Crypto.Cms;

/// <summary>
/// Assembles a detached CMS SignedData (RFC 5652) from signed attributes and a signature value made
/// elsewhere (an HSM, a phone), with an optional RFC 3161 signature timestamp as the unsigned
/// attribute id-aa-signatureTimeStampToken (1.2.840.113549.1.9.16.2.14).
/// </summary>
public static class CmsSignedDataBuilder
{
    public static byte[] Build(
        Asn1Set signedAttributes,
        byte[] signatureValue,
        string signatureAlgorithm,
        X509Certificate signer,
        IEnumerable<X509Certificate> chain,
        TimeStampToken? signatureTimestamp)
    {
        Asn1Set? unsigned = null;
        if (signatureTimestamp is not null)
        {
            var token = ContentInfo.GetInstance(Asn1Object.FromByteArray(signatureTimestamp.GetEncoded()));
            unsigned = new DerSet(new Attribute(PkcsObjectIdentifiers.IdAASignatureTimeStampToken, new DerSet(token)));
        }
        var digestAlgorithm = SignerInfoAlgorithms.DigestFor(signatureAlgorithm);
        var signerInfo = new SignerInfo(
            new Org.BouncyCastle.Asn1.Cms.SignerIdentifier(new IssuerAndSerialNumber(signer.CertificateStructure)),
            digestAlgorithm,
            signedAttributes,
            SignerInfoAlgorithms.For(signatureAlgorithm),
            new DerOctetString(signatureValue),
            unsigned);
        var certificates = new Asn1EncodableVector { signer.CertificateStructure };
        foreach (var c in chain)
        {
            if (!c.Equals(signer))
            {
                certificates.Add(c.CertificateStructure);
            }
        }
        var signedData = new SignedData(
            new DerSet(digestAlgorithm),
            new ContentInfo(CmsObjectIdentifiers.Data, null),
            new DerSet(certificates),
            null,
            new DerSet(signerInfo));
        return new ContentInfo(CmsObjectIdentifiers.SignedData, signedData).GetEncoded(Asn1Encodable.Der);
    }
}
