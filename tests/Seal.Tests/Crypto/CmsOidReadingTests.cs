using System.Formats.Asn1;
using OneThing.Seal.Crypto.Cms;

namespace OneThing.Seal.Tests.Crypto;

/// <summary>The CMS reader names every OID it reads exactly as the ASN.1 decoder spells it, common ones and any other alike.</summary>
public sealed class CmsOidReadingTests
{
    [Theory]
    [InlineData("1.2.840.113549.1.9.16.2.47", "2.16.840.1.101.3.4.2.1", "1.2.840.10045.4.3.2")] // all in the shared table
    [InlineData("1.2.840.113549.1.9.16.2.48", "2.16.840.1.101.3.4.2.8", "1.2.156.10197.1.501")] // none of them
    [InlineData("1.2.840.113549.1.9.4", "1.3.14.3.2.26", "1.2.840.113549.1.1.1")]
    public void Attribute_digest_and_signature_algorithm_OIDs_are_read_as_written(string attributeOid, string digestOid, string signatureOid)
    {
        var signer = CmsSignedDataReader.ReadSignerInfo(SignerInfo(attributeOid, digestOid, signatureOid));

        Assert.Equal(digestOid, signer.DigestAlgorithmOid);
        Assert.Equal(signatureOid, signer.SignatureAlgorithmOid);
        // DER sorts the SET OF attributes by encoding: compare without order.
        Assert.Equal(new[] { "1.2.840.113549.1.9.3", attributeOid }.Order(), signer.SignedAttributes!.Select(a => a.Oid).Order());
    }

    [Fact]
    public void A_malformed_OID_is_still_rejected()
    {
        var encoded = SignerInfo("1.2.840.113549.1.9.4", "2.16.840.1.101.3.4.2.1", "1.2.840.10045.4.3.2");
        // Corrupt the digest algorithm's OID: a first subidentifier byte 0x80 is not a valid (minimal) encoding.
        var at = encoded.AsSpan().IndexOf(new byte[] { 0x06, 0x09, 0x60, 0x86, 0x48 });
        encoded[at + 2] = 0x80;

        Assert.ThrowsAny<AsnContentException>(() => CmsSignedDataReader.ReadSignerInfo(encoded));
    }

    private static byte[] SignerInfo(string attributeOid, string digestOid, string signatureOid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                }
                writer.WriteInteger(7);
            }
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(digestOid);
            }
            using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("1.2.840.113549.1.9.3");
                    using (writer.PushSetOf())
                    {
                        writer.WriteObjectIdentifier("1.2.840.113549.1.7.1");
                    }
                }
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(attributeOid);
                    using (writer.PushSetOf())
                    {
                        writer.WriteOctetString([1, 2, 3]);
                    }
                }
            }
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(signatureOid);
            }
            writer.WriteOctetString([9, 9, 9]);
        }
        return writer.Encode();
    }
}
