using System.Security.Cryptography;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Tsp;

namespace OneThing.Seal.Pki.Timestamps;

/// <summary>Builds RFC 3161 requests the way the clients send them: SHA-256 (or SM3) imprint, random nonce, certReq.</summary>
internal static class TimestampRequestFactory
{
    public static TimeStampRequest Create(byte[] sha256Imprint, string? policyOid = null) =>
        Create(System.Security.Cryptography.HashAlgorithmName.SHA256, sha256Imprint, policyOid);

    public static TimeStampRequest Create(System.Security.Cryptography.HashAlgorithmName algorithm, byte[] imprint, string? policyOid = null)
    {
        var oid = algorithm == System.Security.Cryptography.HashAlgorithmName.SHA256 ? TspAlgorithms.Sha256
            : algorithm == Crypto.Algorithms.DigestAlgorithms.Sm3Name ? TspAlgorithms.SM3
            : throw new ArgumentException($"The message imprint algorithm must be SHA-256 or SM3, not {algorithm.Name}.", nameof(algorithm));
        if (imprint is not { Length: 32 })
        {
            throw new ArgumentException($"The message imprint must be a 32-byte {algorithm.Name} digest.", nameof(imprint));
        }

        var generator = new TimeStampRequestGenerator();
        generator.SetCertReq(true);
        if (policyOid is not null)
        {
            generator.SetReqPolicy(new Org.BouncyCastle.Asn1.DerObjectIdentifier(policyOid));
        }

        return generator.Generate(oid, imprint, NewNonce());
    }

    /// <summary>A positive 64-bit random nonce: replayed or misrouted answers cannot match it.</summary>
    public static BigInteger NewNonce()
    {
        var bytes = new byte[8];
        RandomNumberGenerator.Fill(bytes);
        return new BigInteger(1, bytes);
    }
}
