using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Hosting;

/// <summary>
/// Behind a reverse proxy the client is named in <c>X-Forwarded-For</c>, but anyone can send that
/// header: it is believed only from a configured proxy. Links never come from the request's Host.
/// </summary>
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.Factory factory) : IClassFixture<ForwardedHeadersTests.Factory>
{
    public const string Proxy = "10.0.0.5";
    public const string PublicBase = "https://sign.example.gov.cn/esign";

    public sealed class Factory : SigningApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["OneThing:Network:KnownProxies:0"] = Proxy,
            ["OneThing:Network:KnownNetworks:0"] = "192.168.50.0/24",
            ["OneThing:PublicBaseUrl"] = PublicBase,
        };
    }

    private readonly ApiDriver _api = new(factory);

    [Theory]
    [InlineData(Proxy, "203.0.113.7", "203.0.113.7")]
    [InlineData("192.168.50.9", "203.0.113.8", "203.0.113.8")]
    [InlineData("198.51.100.9", "203.0.113.7", "198.51.100.9")]
    [InlineData("127.0.0.1", "203.0.113.7", "127.0.0.1")]
    public async Task The_timeline_records_the_forwarded_client_only_when_the_peer_is_a_configured_proxy(string peer, string forwardedFor, string recorded)
    {
        var approval = await _api.AsAsync("approval-system");
        TestPeerAddress.From(approval, peer);
        approval.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        var response = await approval.PostAsJsonAsync("/api/v1/cases", ApiDriver.Intake(ApiDriver.SampleCase()));
        await ApiDriver.EnsureAsync(response, HttpStatusCode.Created);
        var caseId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var admin = await _api.AsAsync("admin");
        var timeline = (await admin.GetFromJsonAsync<JsonArray>($"/api/v1/cases/{caseId}/timeline"))!;
        var opened = timeline.Single(t => t!["action"]!.GetValue<string>() == "case-opened")!;
        Assert.Equal(recorded, opened["clientAddress"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_download_link_is_built_from_PublicBaseUrl_whatever_Host_the_request_names()
    {
        var opened = await _api.OpenCaseAsync();
        var bank = await _api.AsAsync("bank");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{opened["id"]}/documents/loan-contract/link");
        request.Headers.Host = "attacker.example";
        var response = await bank.SendAsync(request);
        await ApiDriver.EnsureAsync(response, HttpStatusCode.OK);
        var url = (await response.Content.ReadFromJsonAsync<JsonObject>())!["url"]!.GetValue<string>();
        Assert.StartsWith($"{PublicBase}/api/v1/downloads/", url);
    }

    [Fact]
    public async Task Signing_links_in_the_SMS_use_PublicBaseUrl_whatever_Host_the_intake_request_names()
    {
        var approval = await _api.AsAsync("approval-system");
        var contractCase = ApiDriver.SampleCase();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(ApiDriver.Intake(contractCase)) };
        request.Headers.Host = "attacker.example";
        await ApiDriver.EnsureAsync(await approval.SendAsync(request), HttpStatusCode.Created);
        var sms = (await _api.SmsAsync("13881012345")).First(m => m["text"]!.GetValue<string>().Contains(contractCase["caseNumber"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Contains($"{PublicBase}/sign/", sms["text"]!.GetValue<string>());
    }

    [Fact]
    public void A_proxy_setting_that_is_not_an_address_or_network_stops_start_up_naming_it()
    {
        var result = new OneThing.SigningApi.Hosting.NetworkOptionsValidator().Validate(null, new() { KnownProxies = ["proxy.local"], KnownNetworks = ["10.0.0.0/33"] });
        Assert.True(result.Failed);
        Assert.Contains("KnownProxies: 'proxy.local'", result.FailureMessage);
        Assert.Contains("KnownNetworks: '10.0.0.0/33'", result.FailureMessage);
    }
}
