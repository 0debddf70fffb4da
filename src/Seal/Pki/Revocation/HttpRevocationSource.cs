using System.Net.Http.Headers;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;
using OneThing.Seal.Timestamps;

namespace OneThing.Seal.Pki.Revocation;

/// <summary>
/// Fetches revocation evidence for someone else's certificate from the URLs it names: OCSP from its
/// AIA (POST, with a nonce) and CRLs from its CRL distribution points. Each answer is checked —
/// signed by the issuer (or its delegated OCSP responder), about this certificate, current — before
/// it is returned; when no source gives a trustworthy answer the call fails with the reasons.
/// </summary>
public sealed class HttpRevocationSource(HttpClient http, TimeProvider clock, TimeSpan? timeout = null) : IRevocationSource
{
    public const string OcspRequestMediaType = "application/ocsp-request";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(10);

    public async Task<RevocationEvidence> GetAsync(X509Certificate certificate, X509Certificate issuer, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var ocspResponses = new List<byte[]>();
        var crls = new List<byte[]>();

        foreach (var url in AccessLocations(certificate, AccessDescription.IdADOcsp))
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

        foreach (var url in CrlLocations(certificate))
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

    public static IReadOnlyList<string> AccessLocations(X509Certificate certificate, DerObjectIdentifier method)
    {
        var value = certificate.GetExtensionValue(X509Extensions.AuthorityInfoAccess);
        if (value is null)
        {
            return [];
        }

        var aia = AuthorityInformationAccess.GetInstance(Asn1Object.FromByteArray(value.GetOctets()));
        return aia.GetAccessDescriptions()
            .Where(d => d.AccessMethod.Equals(method) && d.AccessLocation.TagNo == GeneralName.UniformResourceIdentifier)
            .Select(d => DerIA5String.GetInstance(d.AccessLocation.Name).GetString())
            .Where(IsHttp)
            .ToList();
    }

    public static IReadOnlyList<string> CrlLocations(X509Certificate certificate)
    {
        var value = certificate.GetExtensionValue(X509Extensions.CrlDistributionPoints);
        if (value is null)
        {
            return [];
        }

        return CrlDistPoint.GetInstance(Asn1Object.FromByteArray(value.GetOctets())).GetDistributionPoints()
            .Select(p => p.DistributionPointName)
            .Where(n => n is { Type: DistributionPointName.FullName })
            .SelectMany(n => GeneralNames.GetInstance(n.Name).GetNames())
            .Where(g => g.TagNo == GeneralName.UniformResourceIdentifier)
            .Select(g => DerIA5String.GetInstance(g.Name).GetString())
            .Where(IsHttp)
            .ToList();
    }

    private async Task<byte[]> FetchOcspAsync(string url, X509Certificate certificate, X509Certificate issuer, CancellationToken cancellationToken)
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
        using var response = await http.PostAsync(url, content, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new RevocationUnavailableException($"HTTP {(int)response.StatusCode}");
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
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

    private async Task<byte[]> FetchCrlAsync(string url, X509Certificate issuer, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        using var response = await http.GetAsync(url, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new RevocationUnavailableException($"HTTP {(int)response.StatusCode}");
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
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

    private static bool IsHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
