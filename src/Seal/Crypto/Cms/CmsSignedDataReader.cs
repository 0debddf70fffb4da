using System.Formats.Asn1;
using OneThing.Seal.Crypto.Asn1;
using Org.BouncyCastle.Asn1;

namespace OneThing.Seal.Crypto.Cms;

/// <summary>
/// Reads a CMS SignedData into <see cref="SignedDataParts"/> with System.Formats.Asn1: one pass over the
/// bytes, no object graph. BER is accepted where BouncyCastle accepted it. The signed attributes are
/// handed on exactly as BouncyCastle verified them: their encoding when it is DER (the common case),
/// otherwise BouncyCastle's DER re-encoding, so the signed bytes never depend on which parser read them.
/// </summary>
public static class CmsSignedDataReader
{
    private const string SignedDataOid = "1.2.840.113549.1.7.2";
    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1, isConstructed: true);
    private static readonly Asn1Tag Context0Primitive = new(TagClass.ContextSpecific, 0);

    /// <summary>Reads the first ASN.1 object of <paramref name="encoded"/> (trailing bytes, e.g. /Contents zero padding, are ignored).</summary>
    /// <exception cref="FormatException">Not a CMS SignedData.</exception>
    public static SignedDataParts Read(ReadOnlyMemory<byte> encoded)
    {
        try
        {
            AsnDecoder.ReadEncodedValue(encoded.Span, AsnEncodingRules.BER, out _, out _, out var length);
            var contentInfo = new AsnReader(encoded[..length], AsnEncodingRules.BER).ReadSequence();
            var type = KnownOids.Read(contentInfo);
            if (type != SignedDataOid)
            {
                throw new FormatException($"the signature contents are {type}, not CMS SignedData");
            }
            var signedData = contentInfo.ReadSequence(Context0).ReadSequence();
            signedData.ReadEncodedValue(); // version
            signedData.ReadSetOf(); // digestAlgorithms: each SignerInfo names its own
            var encapsulated = signedData.ReadSequence();
            var contentType = KnownOids.Read(encapsulated);
            var content = encapsulated.HasData ? encapsulated.ReadSequence(Context0).ReadOctetString() : null;
            var certificates = new List<ReadOnlyMemory<byte>>();
            if (signedData.PeekTag().HasSameClassAndValue(Context0))
            {
                var set = signedData.ReadSetOf(Context0);
                while (set.HasData)
                {
                    var isCertificate = set.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence);
                    var value = set.ReadEncodedValue();
                    if (isCertificate)
                    {
                        certificates.Add(value);
                    }
                }
            }
            if (signedData.PeekTag().HasSameClassAndValue(Context1))
            {
                signedData.ReadEncodedValue(); // crls: revocation data comes from the DSS
            }
            var signerSet = signedData.ReadSetOf();
            var signers = new List<SignerInfoParts>();
            while (signerSet.HasData)
            {
                signers.Add(ReadSignerInfo(signerSet.ReadEncodedValue()));
            }
            return new SignedDataParts(contentType, content, certificates, signers);
        }
        // IOException: BouncyCastle's re-encoding of BER signed attributes (AsSignedSet) refuses what
        // System.Formats.Asn1 let through with IOException, Asn1Exception or EndOfStreamException.
        catch (Exception e) when (e is AsnContentException or ArgumentException or InvalidOperationException or System.Security.Cryptography.CryptographicException or IOException)
        {
            throw new FormatException($"the signature contents are not a CMS SignedData: {e.Message}", e);
        }
    }

    /// <summary>Reads one encoded SignerInfo.</summary>
    public static SignerInfoParts ReadSignerInfo(ReadOnlyMemory<byte> encoded)
    {
        var info = new AsnReader(encoded, AsnEncodingRules.BER).ReadSequence();
        info.ReadEncodedValue(); // version
        ReadOnlyMemory<byte>? issuer = null;
        byte[]? serial = null;
        byte[]? keyIdentifier = null;
        if (info.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var issuerAndSerial = info.ReadSequence();
            issuer = issuerAndSerial.ReadEncodedValue();
            serial = issuerAndSerial.ReadIntegerBytes().ToArray();
        }
        else
        {
            keyIdentifier = info.ReadOctetString(Context0Primitive);
        }
        var digestAlgorithm = KnownOids.Read(info.ReadSequence());
        byte[]? signedDer = null;
        IReadOnlyList<CmsAttributeParts>? signed = null;
        if (info.PeekTag().HasSameClassAndValue(Context0))
        {
            var raw = info.ReadEncodedValue();
            signed = ReadAttributes(new AsnReader(raw, AsnEncodingRules.BER).ReadSetOf(Context0));
            signedDer = AsSignedSet(raw);
        }
        var signatureAlgorithm = info.PeekEncodedValue();
        var signatureAlgorithmOid = KnownOids.Read(info.ReadSequence());
        var signature = info.ReadOctetString();
        IReadOnlyList<CmsAttributeParts> unsigned = info.HasData && info.PeekTag().HasSameClassAndValue(Context1)
            ? ReadAttributes(info.ReadSetOf(Context1))
            : [];
        return new SignerInfoParts(issuer, serial, keyIdentifier, digestAlgorithm, signedDer, signed, signatureAlgorithmOid, signatureAlgorithm, signature, unsigned);
    }

    private static List<CmsAttributeParts> ReadAttributes(AsnReader set)
    {
        var attributes = new List<CmsAttributeParts>(6);
        while (set.HasData)
        {
            var attribute = set.ReadSequence();
            var oid = KnownOids.Read(attribute);
            var valueSet = attribute.ReadSetOf();
            var values = new List<ReadOnlyMemory<byte>>(1); // an attribute almost always has one value
            while (valueSet.HasData)
            {
                values.Add(valueSet.ReadEncodedValue());
            }
            attributes.Add(new CmsAttributeParts(oid, values));
        }
        return attributes;
    }

    /// <summary>The signed attributes re-tagged as the SET OF the signature covers (RFC 5652 §5.4), DER as BouncyCastle would encode it.</summary>
    private static byte[] AsSignedSet(ReadOnlyMemory<byte> implicitlyTagged)
    {
        var set = implicitlyTagged.ToArray();
        set[0] = 0x31;
        return DerCheck.IsDer(set) ? set : Asn1Object.FromByteArray(set).GetEncoded(Asn1Encodable.Der);
    }
}
