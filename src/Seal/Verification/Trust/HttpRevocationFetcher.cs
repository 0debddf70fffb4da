using System.Net.Http.Headers;
using System.Security.Cryptography;
using OneThing.Seal.Crypto.Certificates;
using OneThing.Seal.Crypto.Revocation;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.Oiw;
using Org.BouncyCastle.Asn1.X509;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.Trust;

/// <summary>
/// Asks the OCSP responders (AIA) and CRL distribution points (CDP) a certificate names, each
/// request bounded by <see cref="VerificationOptions.OnlineTimeout"/> and a response size cap.
/// </summary>
internal sealed class HttpRevocationFetcher(HttpClient http, IOptions<VerificationOptions> options, ILogger<HttpRevocationFetcher> logger) : IRevocationFetcher
{
    private readonly VerificationOptions _options = options.Value;

    public async Task<IReadOnlyList<string>> FetchAsync(X509Certificate certificate, X509Certificate issuer, ValidationMaterial material, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        foreach (var uri in RevocationEndpoints.Ocsp(certificate))
        {
            try
            {
                var request = new OcspReqGenerator();
                request.AddRequest(new CertificateID(new CertID(
                    new AlgorithmIdentifier(OiwObjectIdentifiers.IdSha1, DerNull.Instance),
                    new DerOctetString(SHA1.HashData(issuer.SubjectDN.GetEncoded())),
                    new DerOctetString(KeyIdentifiers.KeyHash(issuer)),
                    new DerInteger(certificate.SerialNumber))));
                using var content = new ByteArrayContent(request.Generate().GetEncoded());
                content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
                var body = await SendAsync(new HttpRequestMessage(HttpMethod.Post, uri) { Content = content }, cancellationToken);
                var response = ValidationMaterial.ParseOcsp(body);
                if (response is null)
                {
                    notes.Add($"OCSP {uri}: unusable response");
                    continue;
                }
                material.AddOcsp(response);
                return notes;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogInformation("OCSP request to {Uri} failed: {Message}", uri, e.Message);
                notes.Add($"OCSP {uri}: {e.Message}");
            }
        }
        foreach (var uri in RevocationEndpoints.Crl(certificate))
        {
            try
            {
                var body = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);
                var crl = ValidationMaterial.ParseCrl(body);
                if (crl is null)
                {
                    notes.Add($"CRL {uri}: not a CRL");
                    continue;
                }
                material.AddCrl(crl);
                return notes;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogInformation("CRL download from {Uri} failed: {Message}", uri, e.Message);
                notes.Add($"CRL {uri}: {e.Message}");
            }
        }
        return notes;
    }

    private async Task<byte[]> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.OnlineTimeout);
        using (request)
        using (var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token))
        {
            response.EnsureSuccessStatusCode();
            return await BoundedHttpBody.ReadAsync(response, _options.MaxOnlineResponseBytes, timeout.Token);
        }
    }
}
