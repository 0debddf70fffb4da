using System.Globalization;
using Org.BouncyCastle.Asn1;

namespace OneThing.Seal.Crypto.Ses;

/// <summary>
/// Reads SESeal and SES_Signature DER: GB/T 38540-2020 (v4) and GM/T 0031-2014 (v1). Field layouts follow
/// the standards' ASN.1 (docs/sm2.md names the public implementations consulted). Anything malformed ends
/// in one <see cref="SesFormatException"/>, never another exception.
/// </summary>
public static class SesReader
{
    /// <summary>Largest file accepted: seals carry a picture, a few hundred KB at most.</summary>
    public const int MaxLength = 8 * 1024 * 1024;

    /// <summary>Reads either structure; exactly one of the results is set.</summary>
    public static (SesSeal? Seal, SesSignature? Signature) Read(byte[] der)
    {
        var top = Parse(der);
        return Guard(() =>
        {
            var first = top[0];
            return first is Asn1Sequence inner && inner.Count > 0 && inner[0] is DerInteger
                ? ((SesSeal?)null, (SesSignature?)ReadSignature(top))
                : (ReadSeal(top), null);
        });
    }

    public static SesSeal ReadSeal(byte[] der)
    {
        var top = Parse(der);
        return Guard(() => ReadSeal(top));
    }

    public static SesSignature ReadSignature(byte[] der)
    {
        var top = Parse(der);
        return Guard(() => ReadSignature(top));
    }

    private static Asn1Sequence Parse(byte[] der)
    {
        if (der.Length == 0)
        {
            throw new SesFormatException("the file is empty");
        }
        if (der.Length > MaxLength)
        {
            throw new SesFormatException($"the file is larger than {MaxLength / (1024 * 1024)} MB");
        }
        return Guard(() =>
        {
            using var memory = new MemoryStream(der, writable: false);
            using var stream = new Asn1InputStream(memory, der.Length);
            var obj = stream.ReadObject() ?? throw new SesFormatException("no ASN.1 object");
            if (memory.Position != der.Length)
            {
                throw new SesFormatException($"{der.Length - memory.Position} bytes follow the ASN.1 structure (damaged or not a seal file)");
            }
            return obj as Asn1Sequence ?? throw new SesFormatException("the file is not an ASN.1 SEQUENCE");
        });
    }

    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (SesFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or InvalidOperationException
            or FormatException or IndexOutOfRangeException or OverflowException or Asn1Exception or NullReferenceException)
        {
            throw new SesFormatException($"not a readable SESeal or SES_Signature ({e.GetType().Name}: {e.Message.Split('\n')[0]})", e);
        }
    }

    private static SesSeal ReadSeal(Asn1Sequence seal)
    {
        var info = Sequence(seal[0], "SES_SealInfo");
        var header = Sequence(info[0], "SES_Header");
        if (Ia5(header[0]) != "ES")
        {
            throw new SesFormatException("the seal header does not start with \"ES\"");
        }
        var version = DerInteger.GetInstance(header[1]).IntValueExact;
        var property = Sequence(info[2], "SES_ESPropertyInfo");
        var picture = Sequence(info[3], "SES_ESPictrueInfo");
        var extensions = info.Count > 4 ? ReadExtensions(info[4]) : [];

        byte[] makerCertificate;
        string algorithm;
        byte[] signedValue;
        byte[]? timestamp = null;
        if (seal.Count is 4 or 5)
        {
            // GB/T 38540 (v4): SESeal ::= SEQUENCE { eSealInfo, cert OCTET STRING, signAlgID OID, signedValue BIT STRING }.
            // Makers of later versions (ofdrw's "V5") append timeStamp [0] EXPLICIT BIT STRING, as SES_Signature has.
            makerCertificate = Asn1OctetString.GetInstance(seal[1]).GetOctets();
            algorithm = DerObjectIdentifier.GetInstance(seal[2]).Id;
            signedValue = DerBitString.GetInstance(seal[3]).GetOctets();
            if (seal.Count == 5)
            {
                timestamp = seal[4] is Asn1TaggedObject { TagNo: 0 } tagged
                    ? DerBitString.GetInstance(tagged, true).GetOctets()
                    : throw new SesFormatException("the fifth field of an SESeal must be timeStamp [0]");
            }
        }
        else if (seal.Count == 2)
        {
            // GM/T 0031 (v1): SESeal ::= SEQUENCE { esealInfo, signInfo SEQUENCE { cert, signatureAlgorithm, signData } }
            var signInfo = Sequence(seal[1], "SES_SignInfo");
            makerCertificate = Asn1OctetString.GetInstance(signInfo[0]).GetOctets();
            algorithm = DerObjectIdentifier.GetInstance(signInfo[1]).Id;
            signedValue = DerBitString.GetInstance(signInfo[2]).GetOctets();
        }
        else
        {
            throw new SesFormatException($"an SESeal has 2 (GM/T 0031) or 4–5 (GB/T 38540) fields, this one {seal.Count}");
        }

        var (certListType, certificates, digests, createDate, validStart, validEnd) = version >= 4 ? ReadPropertyV4(property) : ReadPropertyV1(property);
        return new SesSeal
        {
            Version = version,
            VendorId = Ia5(header[2]),
            EsId = Ia5(info[1]),
            Type = DerInteger.GetInstance(property[0]).IntValueExact,
            Name = DerUtf8String.GetInstance(property[1]).GetString(),
            CertListType = certListType,
            Certificates = certificates,
            CertificateDigests = digests,
            CreateDate = createDate,
            ValidStart = validStart,
            ValidEnd = validEnd,
            Picture = new SesPicture(Ia5(picture[0]), Asn1OctetString.GetInstance(picture[1]).GetOctets(),
                DerInteger.GetInstance(picture[2]).IntValueExact, DerInteger.GetInstance(picture[3]).IntValueExact),
            Extensions = extensions,
            MakerCertificate = makerCertificate,
            SignatureAlgorithmOid = algorithm,
            SignedValue = signedValue,
            Timestamp = timestamp,
            SignedInfo = info.GetEncoded(Asn1Encodable.Der),
            Encoded = seal.GetEncoded(Asn1Encodable.Der),
        };
    }

    private static (int, IReadOnlyList<byte[]>, IReadOnlyList<(string, byte[])>, DateTimeOffset, DateTimeOffset, DateTimeOffset) ReadPropertyV4(Asn1Sequence property)
    {
        var certListType = DerInteger.GetInstance(property[2]).IntValueExact;
        var list = Sequence(property[3], "SES_CertList");
        var certificates = new List<byte[]>();
        var digests = new List<(string, byte[])>();
        foreach (var item in list)
        {
            if (certListType == 2)
            {
                var digest = Sequence(item, "CertDigestObj");
                digests.Add((DerPrintableString.GetInstance(digest[0]).GetString(), Asn1OctetString.GetInstance(digest[1]).GetOctets()));
            }
            else
            {
                certificates.Add(Asn1OctetString.GetInstance(item).GetOctets());
            }
        }
        return (certListType, certificates, digests, Time(property[4]), Time(property[5]), Time(property[6]));
    }

    private static (int, IReadOnlyList<byte[]>, IReadOnlyList<(string, byte[])>, DateTimeOffset, DateTimeOffset, DateTimeOffset) ReadPropertyV1(Asn1Sequence property)
    {
        var certificates = Sequence(property[2], "certList").Cast<Asn1Encodable>().Select(c => Asn1OctetString.GetInstance(c).GetOctets()).ToList();
        return (1, certificates, [], Time(property[3]), Time(property[4]), Time(property[5]));
    }

    private static SesSignature ReadSignature(Asn1Sequence signature)
    {
        var tbs = Sequence(signature[0], "TBS_Sign");
        var version = DerInteger.GetInstance(tbs[0]).IntValueExact;
        var seal = ReadSeal(Sequence(tbs[1], "SESeal"));
        if (signature.Count >= 4)
        {
            // GB/T 38540 (v4): SES_Signature ::= SEQUENCE { toSign, cert, signatureAlgID, signature, timeStamp [0] BIT STRING OPTIONAL }
            byte[]? timestamp = null;
            if (signature.Count > 4)
            {
                var last = signature[4];
                timestamp = (last is Asn1TaggedObject tagged ? DerBitString.GetInstance(tagged, true) : DerBitString.GetInstance(last)).GetOctets();
            }
            return new SesSignature
            {
                Version = version,
                Seal = seal,
                Time = Time(tbs[2]),
                DataHash = DerBitString.GetInstance(tbs[3]).GetOctets(),
                PropertyInfo = Ia5(tbs[4]),
                SignerCertificate = Asn1OctetString.GetInstance(signature[1]).GetOctets(),
                SignatureAlgorithmOid = DerObjectIdentifier.GetInstance(signature[2]).Id,
                Signature = DerBitString.GetInstance(signature[3]).GetOctets(),
                Timestamp = timestamp,
                SignedInfo = tbs.GetEncoded(Asn1Encodable.Der),
            };
        }
        if (signature.Count == 2)
        {
            // GM/T 0031 (v1): SES_Signature ::= SEQUENCE { toSign TBS_Sign (…, cert, signatureAlgorithm), signature BIT STRING }
            return new SesSignature
            {
                Version = version,
                Seal = seal,
                Time = null, // v1 timeInfo is a BIT STRING (a UTCTime or a token, by agreement): not interpreted
                DataHash = DerBitString.GetInstance(tbs[3]).GetOctets(),
                PropertyInfo = Ia5(tbs[4]),
                SignerCertificate = Asn1OctetString.GetInstance(tbs[5]).GetOctets(),
                SignatureAlgorithmOid = DerObjectIdentifier.GetInstance(tbs[6]).Id,
                Signature = DerBitString.GetInstance(signature[1]).GetOctets(),
                Timestamp = null,
                SignedInfo = tbs.GetEncoded(Asn1Encodable.Der),
            };
        }
        throw new SesFormatException($"an SES_Signature has 2 (GM/T 0031) or 4–5 (GB/T 38540) fields, this one {signature.Count}");
    }

    private static List<SesExtension> ReadExtensions(Asn1Encodable value) =>
        [.. Sequence(value, "ExtensionDatas").Cast<Asn1Encodable>().Select(e =>
        {
            var ext = Sequence(e, "ExtData");
            var critical = ext.Count == 3 && DerBoolean.GetInstance(ext[1]).IsTrue;
            return new SesExtension(DerObjectIdentifier.GetInstance(ext[0]).Id, critical, Asn1OctetString.GetInstance(ext[^1]).GetOctets());
        })];

    private static Asn1Sequence Sequence(Asn1Encodable value, string name) =>
        value as Asn1Sequence ?? throw new SesFormatException($"{name} is not a SEQUENCE");

    private static string Ia5(Asn1Encodable value) => DerIA5String.GetInstance(value).GetString();

    /// <summary>v4 uses GeneralizedTime, v1 UTCTime; either is accepted wherever a time is expected.</summary>
    private static DateTimeOffset Time(Asn1Encodable value) => value switch
    {
        Asn1GeneralizedTime g => new DateTimeOffset(DateTime.SpecifyKind(g.ToDateTime(), DateTimeKind.Utc)),
        Asn1UtcTime u => new DateTimeOffset(DateTime.SpecifyKind(u.ToDateTime(2049), DateTimeKind.Utc)),
        _ => throw new SesFormatException($"expected a time, found {value.GetType().Name.ToString(CultureInfo.InvariantCulture)}"),
    };
}
