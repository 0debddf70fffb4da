using OneThing.Seal.Crypto.Algorithms;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;

namespace OneThing.Seal.Crypto.Ses;

/// <summary>What a seal maker puts into a GB/T 38540 v4 seal (SES_SealInfo).</summary>
public sealed record SesSealRequest(
    string VendorId,
    string EsId,
    int Type,
    string Name,
    IReadOnlyList<byte[]> SignerCertificates,
    DateTimeOffset CreateDate,
    DateTimeOffset ValidStart,
    DateTimeOffset ValidEnd,
    SesPicture Picture);

/// <summary>
/// Writes GB/T 38540-2020 v4 structures as DER. Signing is passed in (<c>sign</c>: SM3withSM2 with the GM/T 0009
/// ID over the given bytes), so the key may live wherever the caller keeps it.
/// </summary>
public static class SesWriter
{
    public const int Version = 4;

    /// <summary>SESeal v4, signed by the seal maker over the DER of SES_SealInfo (certList of type 1: certificates).</summary>
    public static byte[] WriteSeal(SesSealRequest request, byte[] makerCertificate, Func<byte[], byte[]> sign)
    {
        if (request.ValidEnd <= request.ValidStart)
        {
            throw new ArgumentException("the seal's validity must end after it starts");
        }
        if (request.SignerCertificates.Count == 0)
        {
            throw new ArgumentException("a seal names at least one signer certificate");
        }
        var header = new DerSequence(new DerIA5String("ES"), DerInteger.ValueOf(Version), new DerIA5String(request.VendorId));
        var property = new DerSequence(
            DerInteger.ValueOf(request.Type),
            new DerUtf8String(request.Name),
            DerInteger.ValueOf(1),
            new DerSequence(request.SignerCertificates.Select(c => (Asn1Encodable)new DerOctetString(c)).ToArray()),
            Time(request.CreateDate),
            Time(request.ValidStart),
            Time(request.ValidEnd));
        var picture = new DerSequence(
            new DerIA5String(request.Picture.Type),
            new DerOctetString(request.Picture.Data),
            DerInteger.ValueOf(request.Picture.WidthMillimetres),
            DerInteger.ValueOf(request.Picture.HeightMillimetres));
        var info = new DerSequence(header, new DerIA5String(request.EsId, validate: true), property, picture);
        var signedValue = sign(info.GetEncoded(Asn1Encodable.Der));
        return new DerSequence(info, new DerOctetString(makerCertificate), GMObjectIdentifiers.sm2sign_with_sm3, new DerBitString(signedValue))
            .GetEncoded(Asn1Encodable.Der);
    }

    /// <summary>
    /// SES_Signature v4 over <paramref name="content"/>: TBS_Sign holds the seal, the time, the SM3 hash of the content
    /// and <paramref name="propertyInfo"/>; the signer signs the DER of TBS_Sign.
    /// </summary>
    public static byte[] WriteSignature(byte[] sealDer, DateTimeOffset time, ReadOnlySpan<byte> content, string propertyInfo,
        byte[] signerCertificate, Func<byte[], byte[]> sign, byte[]? timestampToken = null)
    {
        var tbs = WriteToSign(sealDer, time, DigestAlgorithms.Hash(DigestAlgorithms.Sm3Name, content), propertyInfo);
        return Assemble(tbs, signerCertificate, sign(tbs), timestampToken);
    }

    /// <summary>The DER of TBS_Sign v4 (what the signer signs) for content whose SM3 hash is <paramref name="dataHash"/>.</summary>
    public static byte[] WriteToSign(byte[] sealDer, DateTimeOffset time, byte[] dataHash, string propertyInfo)
    {
        var seal = Asn1Sequence.GetInstance(sealDer);
        return new DerSequence(DerInteger.ValueOf(Version), seal, Time(time), new DerBitString(dataHash), new DerIA5String(propertyInfo, validate: true))
            .GetEncoded(Asn1Encodable.Der);
    }

    /// <summary>SES_Signature v4 from the DER of TBS_Sign, the signer's certificate and the SM2 value over TBS_Sign.</summary>
    public static byte[] Assemble(byte[] toSign, byte[] signerCertificate, byte[] signature, byte[]? timestampToken = null)
    {
        var vector = new Asn1EncodableVector(Asn1Sequence.GetInstance(toSign), new DerOctetString(signerCertificate), GMObjectIdentifiers.sm2sign_with_sm3, new DerBitString(signature));
        if (timestampToken is not null)
        {
            vector.Add(new DerTaggedObject(true, 0, new DerBitString(timestampToken)));
        }
        return new DerSequence(vector).GetEncoded(Asn1Encodable.Der);
    }

    private static DerGeneralizedTime Time(DateTimeOffset time) => new(time.UtcDateTime.AddTicks(-(time.UtcDateTime.Ticks % TimeSpan.TicksPerSecond)));
}
