using Org.BouncyCastle.Ocsp;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Revocation;
using OneThing.Seal.Tests.Pki.Support;

namespace OneThing.Seal.Tests.Pki;

/// <summary>Fetching OCSP and CRLs from the URLs in a certificate, against a local server.</summary>
public sealed class HttpRevocationSourceTests : IDisposable
{
    private readonly int _port = LocalHttpServer.FreePort();
    private readonly ProductPki _pki;
    private readonly HttpClient _http = new();

    public HttpRevocationSourceTests() => _pki = ProductPki.CreateInMemory(new PkiOptions { BaseUrl = $"http://127.0.0.1:{_port}" });

    [Fact]
    public async Task Ocsp_and_crl_are_fetched_from_the_certificates_aia_and_cdp_and_checked()
    {
        using var server = Serve(_pki);
        var seal = _pki.Seals[0].Key.Certificate;
        var evidence = await new HttpRevocationSource(_http, TimeProvider.System).GetAsync(seal, _pki.IssuingCa.Certificate, CancellationToken.None);
        var basic = (BasicOcspResp)new OcspResp(Assert.Single(evidence.OcspResponses)).GetResponseObject();
        Assert.Equal(CertificateStatus.Good, basic.Responses.Single().GetCertStatus());
        Assert.Single(evidence.Crls);
    }

    [Fact]
    public async Task Answers_signed_by_another_pki_are_refused()
    {
        using var impostor = ProductPki.CreateInMemory(new PkiOptions { BaseUrl = $"http://127.0.0.1:{_port}" });
        using var server = Serve(impostor);
        var error = await Assert.ThrowsAsync<RevocationUnavailableException>(() =>
            new HttpRevocationSource(_http, TimeProvider.System).GetAsync(_pki.Seals[0].Key.Certificate, _pki.IssuingCa.Certificate, CancellationToken.None));
        Assert.Contains("OCSP", error.Message);
        Assert.Contains("CRL", error.Message);
    }

    [Fact]
    public async Task An_unreachable_responder_is_a_clear_error() =>
        await Assert.ThrowsAsync<RevocationUnavailableException>(() =>
            new HttpRevocationSource(_http, TimeProvider.System, TimeSpan.FromSeconds(2)).GetAsync(_pki.Seals[0].Key.Certificate, _pki.IssuingCa.Certificate, CancellationToken.None));

    [Fact]
    public async Task An_answer_larger_than_the_limit_is_refused_before_it_is_held_in_memory()
    {
        using var server = Serve(_pki);
        var tight = new HttpRevocationSource(_http, TimeProvider.System, maxResponseBytes: 100);

        var error = await Assert.ThrowsAsync<RevocationUnavailableException>(() =>
            tight.GetAsync(_pki.Seals[0].Key.Certificate, _pki.IssuingCa.Certificate, CancellationToken.None));

        Assert.Contains("OCSP", error.Message);
        Assert.Contains("CRL", error.Message);
        Assert.Contains("response too large (over 100 bytes)", error.Message);
    }

    private LocalHttpServer Serve(ProductPki answering) => new((method, path, body) => (method, path) switch
    {
        ("POST", "/pki/ocsp") => new LocalHttpServer.Reply(200, "application/ocsp-response", answering.OcspResponder.Respond(body)),
        ("GET", "/pki/crl/issuing-ca.crl") => new LocalHttpServer.Reply(200, "application/pkix-crl", answering.GetCrl("issuing-ca").GetEncoded()),
        _ => new LocalHttpServer.Reply(404, null, []),
    }, _port);

    public void Dispose()
    {
        _http.Dispose();
        _pki.Dispose();
    }
}
