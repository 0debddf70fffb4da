using System.Security.Cryptography;
using Org.BouncyCastle.Tsp;

namespace OneThing.Seal.Pki.Timestamps;

/// <summary>
/// Obtains an RFC 3161 timestamp token for a message imprint, from the built-in authority or an external one.
/// Implementations check the reply (status, nonce, imprint and its algorithm, signer) and throw
/// <see cref="TimestampUnavailableException"/> rather than ever returning an unverified token.
/// </summary>
public interface ITimestampClient
{
    /// <summary>A token for a SHA-256 imprint (the international family).</summary>
    Task<TimeStampToken> GetTokenAsync(byte[] sha256Imprint, CancellationToken cancellationToken);

    /// <summary>
    /// A token for an imprint made with <paramref name="algorithm"/>: SHA-256, or SM3 for the SM2 family (GM/T 0033 /
    /// GB/T 20520 timestamps of SM2 signatures imprint SM3). A client that only asks for SHA-256 refuses other algorithms.
    /// </summary>
    Task<TimeStampToken> GetTokenAsync(HashAlgorithmName algorithm, byte[] imprint, CancellationToken cancellationToken) =>
        algorithm == HashAlgorithmName.SHA256
            ? GetTokenAsync(imprint, cancellationToken)
            : throw new TimestampUnavailableException($"this timestamp client asks for SHA-256 imprints only, not {algorithm.Name}");
}
