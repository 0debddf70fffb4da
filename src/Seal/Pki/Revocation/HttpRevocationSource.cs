using System.Net.Http.Headers;
using OneThing.Seal.Crypto.Certificates;
using OneThing.Seal.Crypto.Revocation;
using OneThing.Seal.Pki.Timestamps;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Pki.Revocation;

/// <summary>
/// Fetches revocation evidence for someone else's certificate from the URLs it names: OCSP from its
/// AIA (POST, with a nonce) and CRLs from its CRL distribution points. Each answer is checked —
/// signed by the issuer (or its delegated OCSP responder), about this certificate, current — before
/// it is returned; when no source gives a trustworthy answer the call fails with the reasons.
/// </summary>
public sealed class HttpRevocationSource(HttpClient http, TimeProvider clock, TimeSpan? timeout = null, long maxResponseBytes = HttpRevocationSource.DefaultMaxResponseBytes) : IRevocationSource
{
    /// <summary>As the verifier's default (<c>VerificationOptions.MaxOnlineResponseBytes</c>): a real CA's CRL fits well within it.</summary>
    public const long DefaultMaxResponseBytes = 8 * 1024 * 1024;

    public const string OcspRequestMediaType = "application/ocsp-request";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(10);

    public async Task<RevocationEvidence> GetAsync(X509Certificate certificate, X509Certificate issuer, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var ocspResponses = new List<byte[]>();
        var crls = new List<byte[]>();

        foreach (var url in RevocationEndpoints.Ocsp(certificate))
        {
            try
            {
                ocspResponses.Add(await FetchOcspAsync(url, certificate, issuer, cancellationToken));
                break;
            }
            catch (Exception e) when (e is RevocationUnavailableException or HttpRequestException or TaskCanceledException or IOException)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                problems.Add($"OCSP {url}: {e.Message}");
            }
        }

        foreach (var url in RevocationEndpoints.Crl(certificate))
        {
            try
            {
                crls.Add(await FetchCrlAsync(url, issuer, cancellationToken));
                break;
            }
            catch (Exception e) when (e is RevocationUnavailableException or HttpRequestException or TaskCanceledException or IOException)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                problems.Add($"CRL {url}: {e.Message}");
            }
        }

        if (ocspResponses.Count == 0 && crls.Count == 0)
        {
            var reasons = problems.Count == 0 ? "it names no OCSP responder and no CRL distribution point" : string.Join("; ", problems);
            throw new RevocationUnavailableException($"No revocation evidence for '{certificate.SubjectDN}': {reasons}.");
        }

        return new RevocationEvidence(ocspResponses, crls);
    }

    private async Task<byte[]> FetchOcspAsync(Uri url, X509Certificate certificate, X509Certificate issuer, CancellationToken cancellationToken)
    {
        var id = new CertificateID(CertificateID.DigestSha1, issuer, certificate.SerialNumber);
        var nonce = TimestampRequestFactory.NewNonce().ToByteArrayUnsigned();
        var generator = new OcspReqGenerator();
        generator.AddRequest(id);
        generator.SetRequestExtensions(new X509Extensions(new Dictionary<DerObjectIdentifier, X509Extension>
        {
            [OcspObjectIdentifiers.PkixOcspNonce] = new(false, new DerOctetString(new DerOctetString(nonce))),
        }));

        using var content = new ByteArrayContent(generator.Generate().GetEncoded());
        content.Headers.ContentType = new MediaTypeHeaderValue(OcspRequestMediaType);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        var bytes = await SendAsync(request, timeout.Token);
        CheckOcsp(bytes, id, issuer, nonce);
        return bytes;
    }

    private void CheckOcsp(byte[] bytes, CertificateID id, X509Certificate issuer, byte[] nonce)
    {
        OcspResp response;
        try
        {
            response = new OcspResp(bytes);
        }
        catch (Exception e) when (e is IOException or ArgumentException or Asn1Exception)
        {
            throw new RevocationUnavailableException("not an OCSP response", e);
        }

        if (response.Status != OcspRespStatus.Successful || response.GetResponseObject() is not BasicOcspResp basic)
        {
            throw new RevocationUnavailableException($"OCSP status {response.Status}");
        }

        var echoed = basic.ResponseExtensions?.GetExtension(OcspObjectIdentifiers.PkixOcspNonce);
        if (echoed is not null && !Asn1OctetString.GetInstance(echoed.Value.GetOctets()).GetOctets().AsSpan().SequenceEqual(nonce))
        {
            throw new RevocationUnavailableException("the response echoes a different nonce (replayed or misrouted)");
        }

        if (!basic.Verify(issuer.GetPublicKey()) && !basic.GetCerts().Any(c => IsDelegatedResponder(c, issuer) && basic.Verify(c.GetPublicKey())))
        {
            throw new RevocationUnavailableException("the response is signed neither by the issuer nor by a responder it authorised");
        }

        var single = basic.Responses.FirstOrDefault(r => r.GetCertID().Equals(id))
            ?? throw new RevocationUnavailableException("the response is not about this certificate");
        var now = clock.GetUtcNow().UtcDateTime;
        if (single.ThisUpdate > now + ClockSkew || single.NextUpdate is { } next && next < now - ClockSkew)
        {
            throw new RevocationUnavailableException($"the response is not current (thisUpdate {single.ThisUpdate:u}, nextUpdate {single.NextUpdate:u})");
        }

        if (single.GetCertStatus() is UnknownStatus)
        {
            throw new RevocationUnavailableException("the responder does not know this certificate");
        }
    }

    private static bool IsDelegatedResponder(X509Certificate candidate, X509Certificate issuer) =>
        CertificateSignature.IsSignedBy(candidate, issuer) && candidate.GetExtendedKeyUsage()?.Contains(KeyPurposeID.id_kp_OCSPSigning) == true;

    private async Task<byte[]> FetchCrlAsync(Uri url, X509Certificate issuer, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var bytes = await SendAsync(request, timeout.Token);
        X509Crl crl;
        try
        {
            crl = new X509CrlParser().ReadCrl(bytes) ?? throw new RevocationUnavailableException("empty CRL");
        }
        catch (Exception e) when (e is IOException or ArgumentException or Asn1Exception or Org.BouncyCastle.Security.Certificates.CrlException)
        {
            throw new RevocationUnavailableException("not a CRL", e);
        }

        if (!crl.IssuerDN.Equivalent(issuer.SubjectDN, true))
        {
            throw new RevocationUnavailableException($"the CRL is issued by '{crl.IssuerDN}', not by the certificate's issuer");
        }

        try
        {
            crl.Verify(issuer.GetPublicKey());
        }
        catch (Exception e) when (e is Org.BouncyCastle.Security.InvalidKeyException or Org.BouncyCastle.Security.SignatureException or Org.BouncyCastle.Security.Certificates.CrlException)
        {
            throw new RevocationUnavailableException("the CRL's signature does not verify with the issuer's key", e);
        }

        if (crl.NextUpdate is { } next && next < clock.GetUtcNow().UtcDateTime - ClockSkew)
        {
            throw new RevocationUnavailableException($"the CRL is stale (nextUpdate {next:u})");
        }

        return bytes;
    }

    /// <summary>The answer's body, refused when over the size limit (the server is whoever the certificate names).</summary>
    private async Task<byte[]> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new RevocationUnavailableException($"HTTP {(int)response.StatusCode}");
        }
        return await BoundedHttpBody.ReadAsync(response, maxResponseBytes, ct);
    }
}
