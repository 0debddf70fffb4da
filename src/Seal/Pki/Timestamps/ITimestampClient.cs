using Org.BouncyCastle.Tsp;

namespace OneThing.Seal.Pki.Timestamps;

/// <summary>
/// Obtains an RFC 3161 timestamp token for a SHA-256 message imprint, from the built-in authority
/// or an external one. Implementations check the reply (status, nonce, imprint, signer) and throw
/// <see cref="TimestampUnavailableException"/> rather than ever returning an unverified token.
/// </summary>
public interface ITimestampClient
{
    Task<TimeStampToken> GetTokenAsync(byte[] sha256Imprint, CancellationToken cancellationToken);
}
