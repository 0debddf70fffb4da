using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using OneThing.Seal.Pki.Timestamps;

namespace OneThing.SigningApi.Tests.TrustServices;

/// <summary><c>POST /tsa</c>: OpenSSL's queries get replies OpenSSL verifies; the product's own HTTP client accepts them.</summary>
public sealed class TsaEndpointTests : IClassFixture<TrustServicesFactory>, IDisposable
{
    private readonly TrustServicesFactory _factory;
    private readonly HttpClient _client;
    private readonly OpenSsl _openssl = new();

    public TsaEndpointTests(TrustServicesFactory factory)
    {
        _factory = factory;
        _client = factory.CreateClient();
    }

    [Fact]
    public async Task An_openssl_timestamp_query_gets_a_reply_that_openssl_verifies_against_the_served_ca_certificates()
    {
        var data = _openssl.Write("contract.pdf", RandomNumberGenerator.GetBytes(4096));
        _openssl.Succeed("ts", "-query", "-data", data, "-sha256", "-cert", "-out", _openssl.File("q.tsq"));

        using var content = new ByteArrayContent(File.ReadAllBytes(_openssl.File("q.tsq")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        using var response = await _client.PostAsync("/tsa", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/timestamp-reply", response.Content.Headers.ContentType?.MediaType);
        var reply = _openssl.Write("r.tsr", await response.Content.ReadAsByteArrayAsync());

        var root = _openssl.CertificatePem("root", await _client.GetByteArrayAsync("/pki/ca/root-ca.crt"));
        var issuing = _openssl.CertificatePem("issuing", await _client.GetByteArrayAsync("/pki/ca/issuing-ca.crt"));
        var verified = _openssl.Succeed("ts", "-verify", "-queryfile", _openssl.File("q.tsq"), "-in", reply, "-CAfile", root, "-untrusted", issuing);
        Assert.Contains("Verification: OK", verified);
    }

    [Fact]
    public async Task The_wrong_content_type_is_a_415_problem()
    {
        using var content = new ByteArrayContent([1, 2, 3]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _client.PostAsync("/tsa", content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_oversized_query_is_a_413_problem()
    {
        using var content = new ByteArrayContent(new byte[200_000]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        using var response = await _client.PostAsync("/tsa", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_garbage_query_gets_an_rfc3161_rejection()
    {
        using var content = new ByteArrayContent("hello"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        using var response = await _client.PostAsync("/tsa", content);
        var reply = _openssl.Write("bad.tsr", await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Status: Rejected", _openssl.Succeed("ts", "-reply", "-in", reply, "-text"));
    }

    [Fact]
    public async Task The_http_timestamp_client_gets_a_checked_token_from_the_endpoint()
    {
        var client = new HttpTimestampClient(_client, new HttpTimestampClientOptions
        {
            Url = new Uri(_client.BaseAddress!, "/tsa"),
            TrustAnchors = _factory.Pki.TrustAnchors,
        }, TimeProvider.System);
        var imprint = SHA256.HashData("signed attributes"u8);
        var token = await client.GetTokenAsync(imprint, CancellationToken.None);
        Assert.Equal(imprint, token.TimeStampInfo.GetMessageImprintDigest());
    }

    public void Dispose()
    {
        _client.Dispose();
        _openssl.Dispose();
    }
}
