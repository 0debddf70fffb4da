using System.Security.Cryptography;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Tsp;

namespace OneThing.Seal.Pki.Timestamps;

/// <summary>Builds RFC 3161 requests the way the clients send them: SHA-256 imprint, random nonce, certReq.</summary>
internal static class TimestampRequestFactory
{
    public static TimeStampRequest Create(byte[] sha256Imprint, string? policyOid = null)
    {
        if (sha256Imprint is not { Length: 32 })
        {
            throw new ArgumentException("The message imprint must be a 32-byte SHA-256 digest.", nameof(sha256Imprint));
        }

        var generator = new TimeStampRequestGenerator();
        generator.SetCertReq(true);
        if (policyOid is not null)
        {
            generator.SetReqPolicy(new Org.BouncyCastle.Asn1.DerObjectIdentifier(policyOid));
        }

        return generator.Generate(TspAlgorithms.Sha256, sha256Imprint, NewNonce());
    }

    /// <summary>A positive 64-bit random nonce: replayed or misrouted answers cannot match it.</summary>
    public static BigInteger NewNonce()
    {
        var bytes = new byte[8];
        RandomNumberGenerator.Fill(bytes);
        return new BigInteger(1, bytes);
    }
}
