using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Cms;

namespace OneThing.Seal.Verification.Cms;

/// <summary>
/// /Contents is a fixed-size hex string zero-padded after the (DER or BER) SignedData: this reads
/// exactly one ASN.1 object from it so the padding never reaches the CMS parser.
/// </summary>
public static class CmsContents
{
    public static CmsSignedData Parse(byte[] contents)
    {
        if (contents.Length == 0 || contents.AsSpan().IndexOfAnyExcept((byte)0) < 0)
        {
            throw new FormatException("the signature contents are empty or all zeros (never signed, or wiped)");
        }
        try
        {
            using var input = new Asn1InputStream(new MemoryStream(contents, writable: false), contents.Length);
            var first = input.ReadObject() ?? throw new FormatException("the signature contents hold no ASN.1 object");
            var info = ContentInfo.GetInstance(first);
            if (!info.ContentType.Equals(CmsObjectIdentifiers.SignedData))
            {
                throw new FormatException($"the signature contents are {info.ContentType}, not CMS SignedData");
            }
            return new CmsSignedData(info);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or InvalidOperationException or CmsException or Asn1Exception)
        {
            throw new FormatException($"the signature contents are not a CMS SignedData: {e.Message}", e);
        }
    }
}
