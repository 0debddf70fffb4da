using System.Net;
using System.Net.Http.Headers;
using OneThing.Seal.Crypto.Revocation;
using Org.BouncyCastle.Ocsp;
using OneThing.Seal.Pki.Revocation;

namespace OneThing.SigningApi.Tests.TrustServices;

/// <summary>CRL, CA certificate and OCSP endpoints reflect revocation, as OpenSSL sees it.</summary>
public sealed class RevocationEndpointTests : IClassFixture<TrustServicesFactory>, IDisposable
{
    private readonly TrustServicesFactory _factory;
    private readonly HttpClient _client;
    private readonly OpenSsl _openssl = new();

    public RevocationEndpointTests(TrustServicesFactory factory)
    {
        _factory = factory;
        _client = factory.CreateClient();
    }

    [Fact]
    public async Task The_served_crl_verifies_and_lists_a_certificate_once_revoked()
    {
        using var applicant = _factory.Pki.IssueSignerKey("张三", "11010519491231002X");
        var serial = applicant.Certificate.SerialNumber.ToString(16).ToUpperInvariant();
        var chain = await ChainPemAsync();

        var before = _openssl.Write("before.crl", await _client.GetByteArrayAsync("/pki/crl/issuing-ca.crl"));
        Assert.Contains("verify OK", _openssl.Succeed("crl", "-inform", "DER", "-in", before, "-noout", "-CAfile", chain));
        Assert.DoesNotContain(serial, _openssl.Succeed("crl", "-inform", "DER", "-in", before, "-noout", "-text"));

        _factory.Pki.Revoke(applicant.Certificate.SerialNumber, RevocationReason.KeyCompromise);

        using var response = await _client.GetAsync("/pki/crl/issuing-ca.crl");
        Assert.Equal("application/pkix-crl", response.Content.Headers.ContentType?.MediaType);
        var after = _openssl.Write("after.crl", await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("verify OK", _openssl.Succeed("crl", "-inform", "DER", "-in", after, "-noout", "-CAfile", chain));
        Assert.Contains(serial, _openssl.Succeed("crl", "-inform", "DER", "-in", after, "-noout", "-text"));
    }

    [Fact]
    public async Task Ocsp_by_post_and_by_get_says_good_then_revoked_and_openssl_verifies_it()
    {
        using var applicant = _factory.Pki.IssueSignerKey("李四", "11010519491231002X");
        var leaf = _openssl.Write("leaf.pem", System.Text.Encoding.ASCII.GetBytes(Seal.Pki.Store.PkiDirectory.ToPem(applicant.Certificate)));
        var root = _openssl.CertificatePem("root", await _client.GetByteArrayAsync("/pki/ca/root-ca.crt"));
        var issuing = _openssl.CertificatePem("issuing", await _client.GetByteArrayAsync("/pki/ca/issuing-ca.crt"));
        _openssl.Succeed("ocsp", "-issuer", issuing, "-cert", leaf, "-reqout", _openssl.File("req.der"));
        var request = File.ReadAllBytes(_openssl.File("req.der"));

        async Task<string> AskAsync(bool byGet)
        {
            HttpResponseMessage response;
            if (byGet)
            {
                response = await _client.GetAsync("/pki/ocsp/" + Uri.EscapeDataString(Convert.ToBase64String(request)));
            }
            else
            {
                using var content = new ByteArrayContent(request);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
                response = await _client.PostAsync("/pki/ocsp", content);
            }

            using (response)
            {
                Assert.Equal("application/ocsp-response", response.Content.Headers.ContentType?.MediaType);
                var path = _openssl.Write($"resp-{Guid.NewGuid():N}.der", await response.Content.ReadAsByteArrayAsync());
                // With the request: signature and nonce echo. With -cert: the certificate's status line.
                Assert.Contains("Response verify OK", _openssl.Succeed("ocsp", "-respin", path, "-reqin", _openssl.File("req.der"), "-CAfile", root, "-verify_other", issuing));
                var output = _openssl.Succeed("ocsp", "-respin", path, "-issuer", issuing, "-cert", leaf, "-no_nonce", "-CAfile", root, "-verify_other", issuing);
                Assert.Contains("Response verify OK", output);
                return output;
            }
        }

        Assert.Contains(": good", await AskAsync(byGet: false));
        Assert.Contains(": good", await AskAsync(byGet: true));
        _factory.Pki.Revoke(applicant.Certificate.SerialNumber, RevocationReason.AffiliationChanged);
        Assert.Contains(": revoked", await AskAsync(byGet: false));
        Assert.Contains(": revoked", await AskAsync(byGet: true));
    }

    [Fact]
    public async Task Garbage_gets_an_ocsp_malformed_request_answer()
    {
        using var content = new ByteArrayContent("nonsense"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        using var response = await _client.PostAsync("/pki/ocsp", content);
        Assert.Equal(OcspRespStatus.MalformedRequest, new OcspResp(await response.Content.ReadAsByteArrayAsync()).Status);
    }

    [Theory]
    [InlineData("/pki/crl/nobody.crl")]
    [InlineData("/pki/ca/nobody.crt")]
    public async Task An_unknown_ca_is_a_404_problem(string path)
    {
        using var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_http_revocation_source_fetches_evidence_from_the_urls_in_the_seal_certificate()
    {
        var seal = _factory.Pki.Seals[0].Key.Certificate;
        Assert.StartsWith("http://localhost/pki/ocsp", RevocationEndpoints.Ocsp(seal)[0].ToString());
        var evidence = await new HttpRevocationSource(_client, TimeProvider.System).GetAsync(seal, _factory.Pki.IssuingCa.Certificate, CancellationToken.None);
        Assert.Single(evidence.OcspResponses);
        Assert.Single(evidence.Crls);
    }

    private async Task<string> ChainPemAsync()
    {
        var root = _openssl.CertificatePem("chain-root", await _client.GetByteArrayAsync("/pki/ca/root-ca.crt"));
        var issuing = _openssl.CertificatePem("chain-issuing", await _client.GetByteArrayAsync("/pki/ca/issuing-ca.crt"));
        var chain = _openssl.File("chain.pem");
        File.WriteAllText(chain, File.ReadAllText(issuing) + File.ReadAllText(root));
        return chain;
    }

    public void Dispose()
    {
        _client.Dispose();
        _openssl.Dispose();
    }
}
