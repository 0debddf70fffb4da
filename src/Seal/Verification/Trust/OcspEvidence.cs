using System.Collections.Concurrent;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.Trust;

/// <summary>
/// A parsed OCSP response with its certificates parsed once (BouncyCastle re-parses them on every
/// <c>GetCerts()</c>), and the answers that depend only on the response's and the certificates' bytes
/// remembered: which single responses name a (certificate, issuer) pair, and whether the issuer or its
/// delegated responder signed it. Freshness and status against a signature's time are decided per use.
/// </summary>
public sealed class OcspEvidence(BasicOcspResp response, IReadOnlyList<X509Certificate> certificates)
{
    private readonly ConcurrentDictionary<(X509Certificate, X509Certificate), SingleResp[]> _matches = new();
    private readonly ConcurrentDictionary<X509Certificate, bool> _signedBy = new();

    public BasicOcspResp Response { get; } = response;
    public IReadOnlyList<X509Certificate> Certificates { get; } = certificates;

    public static OcspEvidence Of(BasicOcspResp response) => new(response, response.GetCerts());

    /// <summary>The single responses whose CertID names <paramref name="certificate"/> as issued by <paramref name="issuer"/>.</summary>
    public SingleResp[] ResponsesFor(X509Certificate certificate, X509Certificate issuer) =>
        _matches.GetOrAdd((certificate, issuer), static (key, response) =>
        response.Responses.Where(single =>
        {
            try
            {
                var id = single.GetCertID();
                return id.SerialNumber.Equals(key.Item1.SerialNumber) && id.MatchesIssuer(key.Item2);
            }
            catch (OcspException)
            {
                return false;
            }
        }).ToArray(), Response);

    /// <summary>Whether <paramref name="issuer"/> (or a responder it delegated to) signed this response, decided once per issuer.</summary>
    public bool SignedBy<TState>(X509Certificate issuer, Func<X509Certificate, TState, bool> decide, TState state) =>
        _signedBy.GetOrAdd(issuer, decide, state);
}
