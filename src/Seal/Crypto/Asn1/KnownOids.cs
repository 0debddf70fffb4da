using System.Formats.Asn1;
using OneThing.Seal.Crypto.Algorithms;

namespace OneThing.Seal.Crypto.Asn1;

/// <summary>
/// Reads an OBJECT IDENTIFIER, answering the OIDs every CMS signature and timestamp token repeats (content
/// types, attributes, digest and signature algorithms) with a shared string instead of decoding a new one
/// each time; any other encoding is decoded (and rejected) exactly as <see cref="AsnReader.ReadObjectIdentifier"/> does.
/// </summary>
public static class KnownOids
{
    private static readonly (byte[] Encoded, string Oid)[] Table = Build(
        "1.2.840.113549.1.7.1", // id-data
        "1.2.840.113549.1.7.2", // id-signedData
        "1.2.840.113549.1.9.16.1.4", // id-ct-TSTInfo
        "1.2.840.113549.1.9.3", // content-type
        "1.2.840.113549.1.9.4", // message-digest
        "1.2.840.113549.1.9.5", // signing-time
        "1.2.840.113549.1.9.52", // CMS algorithm protection
        "1.2.840.113549.1.9.16.2.12", // signing-certificate
        "1.2.840.113549.1.9.16.2.47", // signing-certificate-v2
        "1.2.840.113549.1.9.16.2.14", // signature timestamp token
        DigestAlgorithms.Sha256,
        DigestAlgorithms.Sha384,
        DigestAlgorithms.Sha512,
        DigestAlgorithms.Sha1,
        SignatureAlgorithms.EcPublicKey,
        "1.2.840.10045.4.3.2", // ecdsa-with-SHA256
        "1.2.840.10045.4.3.3",
        "1.2.840.10045.4.3.4",
        SignatureAlgorithms.RsaEncryption,
        "1.2.840.113549.1.1.11", // sha256WithRSAEncryption
        "1.2.840.113549.1.1.12",
        "1.2.840.113549.1.1.13",
        SignatureAlgorithms.RsaPss,
        DigestAlgorithms.Sm3,
        SignatureAlgorithms.Sm2Sign,
        SignatureAlgorithms.Sm3WithSm2);

    public static string Read(AsnReader reader)
    {
        if (reader.HasData && reader.PeekTag() == Asn1Tag.ObjectIdentifier)
        {
            var encoded = reader.PeekEncodedValue().Span;
            foreach (var (known, oid) in Table)
            {
                if (encoded.SequenceEqual(known))
                {
                    reader.ReadEncodedValue();
                    return oid;
                }
            }
        }
        return reader.ReadObjectIdentifier();
    }

    /// <summary>Decodes the OBJECT IDENTIFIER at the start of <paramref name="source"/>, as <see cref="AsnDecoder.ReadObjectIdentifier"/> does.</summary>
    public static string Decode(ReadOnlySpan<byte> source)
    {
        foreach (var (known, oid) in Table)
        {
            if (source.StartsWith(known))
            {
                return oid;
            }
        }
        return AsnDecoder.ReadObjectIdentifier(source, AsnEncodingRules.BER, out _);
    }

    /// <summary>The BouncyCastle identifier of a known OID, built once (each construction re-parses the dotted string).</summary>
    public static Org.BouncyCastle.Asn1.DerObjectIdentifier Identifier(string oid) =>
        Identifiers.TryGetValue(oid, out var known) ? known : new Org.BouncyCastle.Asn1.DerObjectIdentifier(oid);

    private static readonly System.Collections.Frozen.FrozenDictionary<string, Org.BouncyCastle.Asn1.DerObjectIdentifier> Identifiers =
        System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(Table, t => t.Oid, t => new Org.BouncyCastle.Asn1.DerObjectIdentifier(t.Oid), StringComparer.Ordinal);

    private static (byte[], string)[] Build(params string[] oids) => [.. oids.Select(oid =>
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(oid);
        return (writer.Encode(), oid);
    })];
}
