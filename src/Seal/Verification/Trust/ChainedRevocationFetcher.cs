using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.Trust;

/// <summary>Asks <paramref name="first"/>, then <paramref name="then"/> (whose answer the checker reads only if the first left the question open).</summary>
internal sealed class ChainedRevocationFetcher(IRevocationFetcher first, IRevocationFetcher then) : IRevocationFetcher
{
    public async Task<IReadOnlyList<string>> FetchAsync(X509Certificate certificate, X509Certificate issuer, ValidationMaterial material, CancellationToken cancellationToken)
    {
        var before = material.OcspResponses.Count + material.Crls.Count;
        var notes = await first.FetchAsync(certificate, issuer, material, cancellationToken);
        if (material.OcspResponses.Count + material.Crls.Count > before) return notes;
        return [.. notes, .. await then.FetchAsync(certificate, issuer, material, cancellationToken)];
    }
}
