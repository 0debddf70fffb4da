using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OneThing.SigningApi.Tests.Support;
using OneThing.SigningApi.Tests.TrustServices;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Tsp;

namespace OneThing.SigningApi.Tests.Hosting;

/// <summary>
/// The readiness probe is anonymous: it must cost no signature per request (a loop of GETs would
/// otherwise keep an HSM busy) and tell strangers nothing but the status.
/// </summary>
public sealed partial class ReadinessTests(ReadinessTests.Factory factory) : IClassFixture<ReadinessTests.Factory>
{
    public sealed class Factory : SigningApiFactory
    {
        // Longer than the test: only the check at start-up runs.
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["OneThing:Health:KeyCheckInterval"] = "01:00:00" };
    }

    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task Readiness_requests_issue_no_timestamp_the_key_check_runs_in_the_background()
    {
        // The TSA's serial numbers count every token it issues; openssl reads them from the replies.
        using var openssl = new OpenSsl();
        var before = await TimestampSerialAsync(openssl, "before");
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, (await _api.Anonymous().GetAsync("/health/ready")).StatusCode);
        var after = await TimestampSerialAsync(openssl, "after");
        Assert.Equal(before + 1, after);
    }

    [Fact]
    public async Task Anonymous_readiness_shows_the_status_only_and_an_operator_sees_each_check()
    {
        var anonymous = (await _api.Anonymous().GetFromJsonAsync<JsonObject>("/health/ready"))!;
        Assert.Equal(["status"], anonymous.Select(p => p.Key));

        foreach (var role in new[] { "admin", "auditor" })
        {
            var detailed = (await (await _api.AsAsync(role)).GetFromJsonAsync<JsonObject>("/health/ready"))!;
            Assert.Contains("seal key(s)", detailed["checks"]!["keys"]!["description"]!.GetValue<string>());
        }
        var bank = (await (await _api.AsAsync("bank")).GetFromJsonAsync<JsonObject>("/health/ready"))!;
        Assert.Null(bank["checks"]);
    }

    private async Task<System.Numerics.BigInteger> TimestampSerialAsync(OpenSsl openssl, string name)
    {
        var generator = new TimeStampRequestGenerator();
        generator.SetCertReq(true);
        var query = generator.Generate(NistObjectIdentifiers.IdSha256, new byte[32]);
        using var content = new ByteArrayContent(query.GetEncoded());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        var reply = await _api.Anonymous().PostAsync("/tsa", content);
        var file = openssl.Write($"{name}.tsr", await reply.Content.ReadAsByteArrayAsync());
        var text = openssl.Succeed("ts", "-reply", "-in", file, "-text");
        var hex = SerialLine().Match(text).Groups[1].Value;
        return System.Numerics.BigInteger.Parse("0" + hex, System.Globalization.NumberStyles.HexNumber);
    }

    [GeneratedRegex(@"Serial number: 0x([0-9A-Fa-f]+)")]
    private static partial Regex SerialLine();
}
