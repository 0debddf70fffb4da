using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.Trust;

/// <summary>Fetches current revocation evidence for a certificate from the network (used only with --online).</summary>
public interface IRevocationFetcher
{
    /// <summary>Adds whatever OCSP responses and CRLs could be fetched to <paramref name="material"/>; returns notes on what failed.</summary>
    Task<IReadOnlyList<string>> FetchAsync(X509Certificate certificate, X509Certificate issuer, ValidationMaterial material, CancellationToken cancellationToken);
}
