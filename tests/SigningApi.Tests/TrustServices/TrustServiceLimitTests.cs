using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.Core.Limits;
using OneThing.SigningApi.Tests.Support;
using OneThing.SigningApi.TrustServices;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.Tsp;

namespace OneThing.SigningApi.Tests.TrustServices;

/// <summary>
/// The anonymous TSA and OCSP responder sign with keys the centre's own signatures need: one client
/// gets a bounded number of requests per window (429), and all clients together a bounded number
/// at once plus a bounded queue (503); both answers say when to come back.
/// </summary>
public sealed class TrustServiceLimitTests(TrustServiceLimitTests.Factory factory) : IClassFixture<TrustServiceLimitTests.Factory>
{
    public sealed class Factory : SigningApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["OneThing:TrustServices:RequestsPerWindow"] = "3",
            ["OneThing:TrustServices:Window"] = "01:00:00",
            ["OneThing:TrustServices:MaxConcurrent"] = "1",
            ["OneThing:TrustServices:QueueLimit"] = "0",
        };
    }

    [Fact]
    public async Task A_client_past_its_timestamp_allowance_gets_429_with_Retry_After_while_another_client_is_still_served()
    {
        var flooder = TestPeerAddress.From(factory.CreateClient(), "203.0.113.10");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await flooder.PostAsync("/tsa", TimestampQuery())).StatusCode);

        var refused = await flooder.PostAsync("/tsa", TimestampQuery());
        await ApiDriver.ProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After names the seconds to wait");

        var other = TestPeerAddress.From(factory.CreateClient(), "203.0.113.11");
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsync("/tsa", TimestampQuery())).StatusCode);
    }

    [Fact]
    public async Task A_client_past_its_OCSP_allowance_gets_429_with_Retry_After_on_POST_and_GET()
    {
        var flooder = TestPeerAddress.From(factory.CreateClient(), "203.0.113.20");
        var request = OcspRequest();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await flooder.PostAsync("/pki/ocsp", OcspContent(request))).StatusCode);

        var post = await flooder.PostAsync("/pki/ocsp", OcspContent(request));
        await ApiDriver.ProblemAsync(post, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.NotNull(post.Headers.RetryAfter);
        var get = await flooder.GetAsync($"/pki/ocsp/{Uri.EscapeDataString(Convert.ToBase64String(request))}");
        await ApiDriver.ProblemAsync(get, HttpStatusCode.TooManyRequests, "rate-limited");
    }

    [Fact]
    public async Task Timestamps_beyond_the_concurrency_cap_and_its_queue_get_503_with_Retry_After()
    {
        // The cap is one at a time with no queue; the test holds that one turn, as a slow signature would.
        using var held = factory.Services.GetRequiredService<ConcurrencyCaps>().Limiter(TrustServiceLimits.TsaCap).AttemptAcquire();
        Assert.True(held.IsAcquired);

        var response = await TestPeerAddress.From(factory.CreateClient(), "203.0.113.30").PostAsync("/tsa", TimestampQuery());
        await ApiDriver.ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "busy");
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task OCSP_answers_beyond_the_concurrency_cap_get_503_with_Retry_After()
    {
        using var held = factory.Services.GetRequiredService<ConcurrencyCaps>().Limiter(TrustServiceLimits.OcspCap).AttemptAcquire();
        Assert.True(held.IsAcquired);

        var response = await TestPeerAddress.From(factory.CreateClient(), "203.0.113.31").PostAsync("/pki/ocsp", OcspContent(OcspRequest()));
        await ApiDriver.ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "busy");
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public void Limits_out_of_range_stop_start_up_with_the_setting_named()
    {
        var result = new TrustServiceLimitsOptionsValidator().Validate(null, new TrustServiceLimitsOptions { RequestsPerWindow = 0, MaxConcurrent = 0, QueueLimit = -1 });
        Assert.True(result.Failed);
        Assert.Contains("RequestsPerWindow", result.FailureMessage);
        Assert.Contains("MaxConcurrent", result.FailureMessage);
        Assert.Contains("QueueLimit", result.FailureMessage);
    }

    private static ByteArrayContent TimestampQuery()
    {
        var generator = new TimeStampRequestGenerator();
        generator.SetCertReq(true);
        var query = generator.Generate(NistObjectIdentifiers.IdSha256, new byte[32]);
        var content = new ByteArrayContent(query.GetEncoded());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        return content;
    }

    private byte[] OcspRequest()
    {
        var issuing = factory.Pki.IssuingCa.Certificate;
        var id = new CertificateID(CertificateID.DigestSha1, factory.Pki.RootCa.Certificate, issuing.SerialNumber);
        var generator = new OcspReqGenerator();
        generator.AddRequest(id);
        return generator.Generate().GetEncoded();
    }

    private static ByteArrayContent OcspContent(byte[] request)
    {
        var content = new ByteArrayContent(request);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        return content;
    }
}
