using Org.BouncyCastle.X509;

namespace OneThing.Seal.Pki;

/// <summary>Revocation evidence for one certificate, as DER blobs ready for a PDF DSS.</summary>
public sealed record RevocationEvidence(IReadOnlyList<byte[]> OcspResponses, IReadOnlyList<byte[]> Crls);

/// <summary>
/// Supplies OCSP responses and/or CRLs for a certificate (from the product's own CA, or fetched
/// from the AIA/CRL distribution points of someone else's). Used when building a DSS for B-LT/B-LTA.
/// </summary>
public interface IRevocationSource
{
    Task<RevocationEvidence> GetAsync(X509Certificate certificate, X509Certificate issuer, CancellationToken cancellationToken);
}
