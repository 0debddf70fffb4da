using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Pki.Revocation;

/// <summary>
/// Revocation evidence for certificates of the product's own CAs, produced in-process: a fresh OCSP
/// response from the responder and the issuing CA's current CRL. Self-signed roots need none.
/// Certificates of other CAs go to <paramref name="fallback"/> (e.g. <see cref="HttpRevocationSource"/>) or are refused.
/// </summary>
internal sealed class CaRevocationSource(
    OcspResponder responder,
    IReadOnlyList<CrlPublisher> crls,
    bool includeCrls = true,
    IRevocationSource? fallback = null) : IRevocationSource
{
    public Task<RevocationEvidence> GetAsync(X509Certificate certificate, X509Certificate issuer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (certificate.Equals(issuer) && certificate.SubjectDN.Equivalent(certificate.IssuerDN))
        {
            return Task.FromResult(new RevocationEvidence([], []));
        }

        var publisher = crls.FirstOrDefault(p => p.Authority.Certificate.Equals(issuer));
        if (publisher is null || !publisher.Authority.IsIssuerOf(certificate))
        {
            return fallback?.GetAsync(certificate, issuer, cancellationToken)
                ?? throw new RevocationUnavailableException($"The certificate '{certificate.SubjectDN}' was not issued by one of this product's CAs.");
        }

        var generator = new OcspReqGenerator();
        generator.AddRequest(new CertificateID(CertificateID.DigestSha1, issuer, certificate.SerialNumber));
        var response = responder.Respond(generator.Generate());
        if (response.Status != OcspRespStatus.Successful)
        {
            throw new RevocationUnavailableException($"The product's OCSP responder refused to answer for '{certificate.SubjectDN}' (status {response.Status}).");
        }

        IReadOnlyList<byte[]> crlList = includeCrls ? [publisher.GetCurrent().GetEncoded()] : [];
        return Task.FromResult(new RevocationEvidence([response.GetEncoded()], crlList));
    }
}
