using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Telemetry;

/// <summary>
/// A tracing backend is read by operators, not by the link's owner: the spans of requests whose path
/// carries a link token or a download token keep the route but not the token.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class SecretPathTraceTests(TracedSigningApiFactory factory) : IClassFixture<TracedSigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task Spans_of_link_page_access_and_download_requests_carry_no_token()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var link = await _api.LinkTokenAsync("13881012345", opened["applicationNumber"]!.GetValue<string>());
        var anonymous = _api.Anonymous();
        await anonymous.GetAsync($"/sign/{link}");
        await ApiDriver.EnsureAsync(await anonymous.PostAsJsonAsync($"/api/v1/access/{link}/identity", new { name = "王建国", idNumber = "510603198804123574" }), HttpStatusCode.OK);
        var bank = await _api.AsAsync("bank");
        var download = (await (await bank.PostAsync($"/api/v1/cases/{caseId}/documents/loan-contract/link", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        var url = new Uri(download["url"]!.GetValue<string>());
        await ApiDriver.EnsureAsync(await anonymous.GetAsync(url.PathAndQuery), HttpStatusCode.OK);
        var downloadToken = url.AbsolutePath.Split('/').Last();

        // Server spans end just after their response: wait until the three requests are exported.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        List<System.Diagnostics.Activity> spans;
        while (true)
        {
            spans = factory.Spans.Snapshot().Where(s => s.Kind == System.Diagnostics.ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore").ToList();
            var paths = spans.Select(s => s.GetTagItem("url.path") as string ?? "").ToList();
            if ((paths.Contains($"/sign/{SecretPaths.Placeholder}") && paths.Contains($"/api/v1/access/{SecretPaths.Placeholder}/identity")
                    && paths.Contains($"/api/v1/downloads/{SecretPaths.Placeholder}")) || DateTime.UtcNow > deadline)
                break;
            await Task.Delay(100);
        }
        Assert.Contains(spans, s => Equals(s.GetTagItem("url.path"), $"/sign/{SecretPaths.Placeholder}"));
        Assert.Contains(spans, s => Equals(s.GetTagItem("url.path"), $"/api/v1/access/{SecretPaths.Placeholder}/identity"));
        Assert.Contains(spans, s => Equals(s.GetTagItem("url.path"), $"/api/v1/downloads/{SecretPaths.Placeholder}"));
        foreach (var span in factory.Spans.Snapshot())
        {
            var text = string.Join('\n', span.DisplayName, string.Join('\n', span.TagObjects.Select(t => $"{t.Key}={t.Value}")));
            Assert.DoesNotContain(link, text);
            Assert.DoesNotContain(downloadToken, text);
        }
    }

    [Theory]
    [InlineData("/sign/abc", "/sign/{redacted}")]
    [InlineData("/api/v1/access/abc/code/resend", "/api/v1/access/{redacted}/code/resend")]
    [InlineData("/api/v1/downloads/abc.def", "/api/v1/downloads/{redacted}")]
    [InlineData("/api/v1/cases/5f0c/documents/loan-contract", "/api/v1/cases/5f0c/documents/loan-contract")]
    [InlineData("/sign/", "/sign/")]
    public void Redaction_replaces_the_secret_segment_only(string path, string expected) => Assert.Equal(expected, SecretPaths.Redact(path));
}
