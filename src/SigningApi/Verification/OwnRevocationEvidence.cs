using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Revocation;
using OneThing.Seal.Verification.Trust;
using OneThing.SigningApi.Core;
using Org.BouncyCastle.X509;

namespace OneThing.SigningApi.Verification;

/// <summary>
/// The service's own revocation data for the certificates its own CAs issued (applicants' event
/// certificates, officers, the centre seal, the TSA, the OCSP responder): a fresh OCSP answer from its
/// responder and the CA's current CRL, made in-process. A revision signed before the seal embedded LTV
/// data is then judged on the same evidence the seal would have embedded, instead of "unknown".
/// Certificates of anyone else's CA get nothing here. Each of the service's PKI families (international,
/// SM2) answers for the certificates its own CAs issued.
/// </summary>
public sealed class OwnRevocationEvidence(CentrePkis pkis) : IRevocationFetcher
{
    public async Task<IReadOnlyList<string>> FetchAsync(X509Certificate certificate, X509Certificate issuer, ValidationMaterial material, CancellationToken cancellationToken)
    {
        // The issuer must be one of this service's CAs and must really have issued the certificate (its
        // signature verifies), so a look-alike CA with the same name is never answered for.
        var pki = pkis.All.Select(f => f.Pki)
            .FirstOrDefault(p => p.Authorities.Any(a => a.Certificate.Equals(issuer) && a.IsIssuerOf(certificate)));
        if (pki is null)
            return ["not issued by this service's CAs"];
        RevocationEvidence evidence;
        try
        {
            evidence = await pki.RevocationSource.GetAsync(certificate, issuer, cancellationToken);
        }
        catch (RevocationUnavailableException e)
        {
            return [e.Message];
        }
        foreach (var der in evidence.OcspResponses)
            if (ValidationMaterial.ParseOcsp(der) is { } response) material.AddOcsp(response);
        foreach (var der in evidence.Crls)
            if (ValidationMaterial.ParseCrl(der) is { } crl) material.AddCrl(crl);
        return [];
    }
}
