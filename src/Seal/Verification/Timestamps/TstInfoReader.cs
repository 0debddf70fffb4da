using System.Formats.Asn1;
using OneThing.Seal.Crypto.Asn1;

namespace OneThing.Seal.Verification.Timestamps;

/// <summary>The parts of an RFC 3161 TSTInfo the verifier uses.</summary>
internal sealed record TstInfoParts(string ImprintAlgorithmOid, byte[] ImprintDigest, DateTimeOffset GenTime);

/// <summary>Reads a TSTInfo (RFC 3161 §2.4.2) with System.Formats.Asn1.</summary>
internal static class TstInfoReader
{
    /// <exception cref="FormatException">Not a TSTInfo.</exception>
    public static TstInfoParts Read(ReadOnlyMemory<byte> encoded)
    {
        try
        {
            var info = new AsnReader(encoded, AsnEncodingRules.BER).ReadSequence();
            info.ReadEncodedValue(); // version
            info.ReadObjectIdentifier(); // policy
            var imprint = info.ReadSequence();
            var algorithm = KnownOids.Read(imprint.ReadSequence());
            var digest = imprint.ReadOctetString();
            info.ReadEncodedValue(); // serialNumber
            var genTime = info.ReadGeneralizedTime();
            return new TstInfoParts(algorithm, digest, genTime.ToUniversalTime());
        }
        catch (Exception e) when (e is AsnContentException or ArgumentException)
        {
            throw new FormatException($"malformed TSTInfo: {e.Message}", e);
        }
    }
}
