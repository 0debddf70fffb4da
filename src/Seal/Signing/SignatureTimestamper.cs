using System.Security.Cryptography;
using OneThing.Seal.Pki.Timestamps;
using Org.BouncyCastle.Tsp;

namespace OneThing.Seal.Signing;

/// <summary>
/// Obtains the RFC 3161 token over a SignerInfo's signature value (PAdES B-T) and turns every TSA
/// failure into a <see cref="SigningException"/>: there is never a signature without a trusted time.
/// </summary>
internal static class SignatureTimestamper
{
    /// <param name="algorithm">The imprint's hash: the signature's own digest algorithm (SM3 for SM2 signatures, else SHA-256).</param>
    public static async Task<TimeStampToken> GetTokenAsync(ITimestampClient client, byte[] data, CancellationToken cancellationToken, HashAlgorithmName? algorithm = null)
    {
        var hash = algorithm ?? HashAlgorithmName.SHA256;
        var imprint = Crypto.Algorithms.DigestAlgorithms.Hash(hash, data);
        TimeStampToken token;
        try
        {
            token = await client.GetTokenAsync(hash, imprint, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw new SigningException("the timestamp authority failed, so nothing was signed: " + ex.Message, ex);
        }
        if (token is null || !token.TimeStampInfo.GetMessageImprintDigest().AsSpan().SequenceEqual(imprint))
        {
            throw new SigningException("the timestamp authority returned a token for a different imprint, so nothing was signed");
        }
        return token;
    }
}
