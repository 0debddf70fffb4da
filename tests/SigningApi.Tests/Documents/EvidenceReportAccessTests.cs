using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Documents;

/// <summary>
/// The sealed evidence report lists every step with the client address and device it came from,
/// the other party's included. It cannot be redacted without breaking its seal, so an applicant
/// never receives it; the timeline an applicant reads carries no addresses or devices at all.
/// </summary>
public sealed class EvidenceReportAccessTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task An_applicant_gets_404_for_the_evidence_report_that_the_bank_receives_with_every_address()
    {
        var opened = await _api.OpenCaseAsync();
        var coBorrower = TestPeerAddress.From(_api.Anonymous(), "203.0.113.99");
        coBorrower.DefaultRequestHeaders.UserAgent.ParseAdd("CoBorrowerPhone/1.0");
        coBorrower = await ApplicantOnAsync(coBorrower, opened["applicationNumber"]!.GetValue<string>());
        var (caseId, borrower, _, _) = await _api.SignAndSealAsync(opened, coBorrower);

        var bank = await _api.AsAsync("bank");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while ((await bank.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}"))!["status"]!.GetValue<string>() != "Completed")
        {
            Assert.True(DateTime.UtcNow < deadline, "the case did not reach Completed");
            await Task.Delay(200);
        }

        // The report the bank receives shows the co-borrower's address and device (pdftotext reads it).
        var report = await bank.GetByteArrayAsync($"/api/v1/cases/{caseId}/documents/evidence-report");
        var text = PdfText(report);
        Assert.Contains("203.0.113.99", text);
        Assert.Contains("CoBorrowerPhone/1.0", text);

        await ApiDriver.ProblemAsync(await borrower.GetAsync($"/api/v1/cases/{caseId}/documents/evidence-report"), HttpStatusCode.NotFound);
        var timeline = (await borrower.GetFromJsonAsync<JsonArray>($"/api/v1/cases/{caseId}/timeline"))!;
        Assert.DoesNotContain("203.0.113.99", timeline.ToJsonString());
        Assert.DoesNotContain("CoBorrowerPhone", timeline.ToJsonString());
    }

    private async Task<HttpClient> ApplicantOnAsync(HttpClient client, string application)
    {
        var link = await _api.LinkTokenAsync("13990267788", application);
        await ApiDriver.EnsureAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/identity", new { name = "李秀兰", idNumber = "510603199007232844" }), HttpStatusCode.OK);
        var code = await _api.LatestCodeAsync("13990267788");
        var access = await client.PostAsJsonAsync($"/api/v1/access/{link}/code", new { code });
        await ApiDriver.EnsureAsync(access, HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await access.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
        return client;
    }

    private static string PdfText(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"evidence-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            return ExternalTool.Run("pdftotext", "-enc", "UTF-8", file, "-").Output;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
