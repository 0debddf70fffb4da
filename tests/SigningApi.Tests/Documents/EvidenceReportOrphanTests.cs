using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.Tests.Support;
using OneThing.Storage.Documents;

namespace OneThing.SigningApi.Tests.Documents;

/// <summary>
/// The evidence report is written under the case's turn like every other document: an object a failed attempt
/// left where the report goes (a write that timed out and landed, an instance killed before its commit) is
/// replaced, instead of failing every redelivery of the completion until the sweeper's grace period ran out.
/// </summary>
public sealed class EvidenceReportOrphanTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task A_case_completes_although_a_failed_attempt_left_an_uncommitted_object_where_its_evidence_report_goes()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var id = Guid.Parse(caseId).ToString("N");
        var reportKey = new DocumentKey(opened["centreCode"]!.GetValue<string>(), id, $"evidence-{id}", 1);
        var store = factory.Services.GetRequiredService<IDocumentStore>();
        var leftover = "%PDF-1.7 a failed attempt's report\n"u8.ToArray();
        await store.PutAsync(reportKey, leftover, "application/pdf", CancellationToken.None);

        await _api.SignAndSealAsync(opened);
        var bank = await _api.AsAsync("bank");
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        string status;
        while ((status = (await bank.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}"))!["status"]!.GetValue<string>()) != "Completed")
        {
            Assert.True(DateTime.UtcNow < until, $"the case stopped at {status}");
            await Task.Delay(200);
        }
        var report = await bank.GetAsync($"/api/v1/cases/{caseId}/documents/evidence-report");
        await ApiDriver.EnsureAsync(report, HttpStatusCode.OK);
        Assert.NotEqual(leftover, await report.Content.ReadAsByteArrayAsync());
    }
}
