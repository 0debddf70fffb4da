using OneThing.Seal.Crypto.Certificates;
using OneThing.Seal.Pki;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Signing.Ltv;

/// <summary>
/// Gathers what a validator needs years from now: every certificate of the signer and TSA chains
/// (from the document's signatures and tokens, plus the anchors the caller knows) and the OCSP
/// responses and CRLs for each certificate that has an issuer, from an <see cref="IRevocationSource"/>.
/// </summary>
public sealed class ValidationDataCollector(IRevocationSource revocationSource)
{
    public async Task<ValidationData> CollectAsync(IEnumerable<X509Certificate> documentCertificates, IEnumerable<X509Certificate> knownChainCertificates, CancellationToken cancellationToken)
    {
        var pool = new List<X509Certificate>();
        void AddDistinct(X509Certificate c)
        {
            if (!pool.Contains(c))
            {
                pool.Add(c);
            }
        }
        foreach (var c in documentCertificates)
        {
            AddDistinct(c);
        }
        var known = knownChainCertificates.ToList();
        var issuers = new IssuerChecks();
        // Pull in the issuers of the document's certificates from the known chains, up to the roots.
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var c in pool.ToList())
            {
                if (!IsSelfIssued(c) && issuers.FindIssuer(c, pool) is null && issuers.FindIssuer(c, known) is { } issuer)
                {
                    AddDistinct(issuer);
                    changed = true;
                }
            }
        }

        var ocsps = new List<byte[]>();
        var crls = new List<byte[]>();
        foreach (var certificate in pool.ToList())
        {
            if (IsSelfIssued(certificate) || issuers.FindIssuer(certificate, pool) is not { } issuer)
            {
                continue;
            }
            RevocationEvidence evidence;
            try
            {
                evidence = await revocationSource.GetAsync(certificate, issuer, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                throw new SigningException($"no revocation data for '{certificate.SubjectDN}': {ex.Message}", ex);
            }
            if (evidence.OcspResponses.Count == 0 && evidence.Crls.Count == 0)
            {
                throw new SigningException($"the revocation source returned neither OCSP nor CRL for '{certificate.SubjectDN}'");
            }
            ocsps.AddRange(evidence.OcspResponses);
            crls.AddRange(evidence.Crls);
            foreach (var ocsp in evidence.OcspResponses)
            {
                // A delegated OCSP responder's certificate belongs in the DSS too.
                if (new OcspResp(ocsp).GetResponseObject() is BasicOcspResp basic)
                {
                    foreach (var responder in basic.GetCerts())
                    {
                        AddDistinct(responder);
                    }
                }
            }
        }
        return new ValidationData(pool.Select(c => c.GetEncoded()).ToList(), ocsps, crls);
    }

    private static bool IsSelfIssued(X509Certificate c) => c.IssuerDN.Equivalent(c.SubjectDN);

    /// <summary>
    /// Issuer lookup by name and signature. The pool is walked several times, so each child/candidate
    /// signature check is made once per collection (each is a public-key operation).
    /// </summary>
    private sealed class IssuerChecks
    {
        private readonly Dictionary<(X509Certificate Child, X509Certificate Candidate), bool> _signed = [];

        public X509Certificate? FindIssuer(X509Certificate child, IEnumerable<X509Certificate> candidates)
        {
            foreach (var candidate in candidates)
            {
                if (candidate.SubjectDN.Equivalent(child.IssuerDN) && IsSignedBy(child, candidate))
                {
                    return candidate;
                }
            }
            return null;
        }

        private bool IsSignedBy(X509Certificate child, X509Certificate candidate)
        {
            if (_signed.TryGetValue((child, candidate), out var known))
            {
                return known;
            }
            // False for a same-named CA with another key: the lookup goes on to the next candidate.
            var signed = CertificateSignature.IsSignedBy(child, candidate);
            _signed[(child, candidate)] = signed;
            return signed;
        }
    }
}
