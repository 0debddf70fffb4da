using System.Formats.Asn1;
using OneThing.Seal.Crypto.Algorithms;
using OneThing.Seal.Crypto.Asn1;

namespace OneThing.Seal.Crypto.Cms;

/// <summary>The first ESSCertID(v2) of a signing-certificate(-v2) attribute (RFC 2634 §5.4, RFC 5035 §3).</summary>
/// <param name="Serial">The IssuerSerial's serial number (two's complement), when present.</param>
internal sealed record EssCertificateId(string HashOid, byte[] Hash, byte[]? Serial);

internal static class EssCertificateIds
{
    /// <summary>The first certificate identifier, or null when the attribute names none.</summary>
    /// <exception cref="FormatException">The attribute value is malformed.</exception>
    public static EssCertificateId? First(CmsAttributeParts attribute, bool version2)
    {
        try
        {
            if (attribute.Values.Count == 0)
            {
                return null;
            }
            var certs = new AsnReader(attribute.Values[0], AsnEncodingRules.BER).ReadSequence().ReadSequence();
            if (!certs.HasData)
            {
                return null;
            }
            var id = certs.ReadSequence();
            var hashOid = DigestAlgorithms.Sha1;
            if (version2)
            {
                hashOid = DigestAlgorithms.Sha256;
                if (id.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
                {
                    hashOid = KnownOids.Read(id.ReadSequence());
                }
            }
            var hash = id.ReadOctetString();
            byte[]? serial = null;
            if (id.HasData)
            {
                var issuerSerial = id.ReadSequence();
                issuerSerial.ReadEncodedValue(); // issuer GeneralNames
                serial = issuerSerial.ReadIntegerBytes().ToArray();
            }
            return new EssCertificateId(hashOid, hash, serial);
        }
        catch (AsnContentException e)
        {
            throw new FormatException($"malformed signing-certificate attribute: {e.Message}", e);
        }
    }
}
