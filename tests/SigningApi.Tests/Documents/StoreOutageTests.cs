using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.Tests.Support;
using OneThing.Storage.Documents;

namespace OneThing.SigningApi.Tests.Documents;

/// <summary>The service's real store behind a switch that can make it unreachable.</summary>
public sealed class OutageFactory : SigningApiFactory
{
    public StoreOutage Outage { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            var real = services.Last(d => d.ServiceType == typeof(IDocumentStore));
            services.Remove(real);
            services.AddSingleton<IDocumentStore>(sp => new OutageDocumentStore((IDocumentStore)real.ImplementationFactory!(sp), Outage));
        });
    }
}

public sealed class StoreOutageTests(OutageFactory factory) : IClassFixture<OutageFactory>
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task Intake_while_the_store_is_down_is_503_with_Retry_After_and_opens_nothing_until_it_is_back()
    {
        var contractCase = ApiDriver.SampleCase();
        var approval = await _api.AsAsync("approval-system");

        factory.Outage.Down = true;
        try
        {
            var refused = await approval.PostAsJsonAsync("/api/v1/cases", ApiDriver.Intake(contractCase));
            await ApiDriver.ProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
            Assert.Equal(StoreOutage.RetryAfter.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Headers.RetryAfter?.ToString());
        }
        finally
        {
            factory.Outage.Down = false;
        }

        // 201, not 200 "the same case again": the refused intake committed nothing.
        var opened = await approval.PostAsJsonAsync("/api/v1/cases", ApiDriver.Intake(contractCase));
        await ApiDriver.EnsureAsync(opened, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Signing_while_the_store_is_down_is_503_and_leaves_the_case_and_documents_as_they_were()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var borrower = await _api.ApplicantAsync(opened["applicationNumber"]!.GetValue<string>(), "王建国", "510603198804123574", "13881012345");
        await _api.PrepareToSignAsync(borrower, caseId);
        var officer = await _api.AsAsync("loan-officer", subject: ApiDriver.OfficerId);
        var before = (await officer.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}"))!;

        factory.Outage.Down = true;
        try
        {
            var refused = await borrower.PostAsync($"/api/v1/cases/{caseId}/sign", null);
            await ApiDriver.ProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(refused.Headers.RetryAfter);
        }
        finally
        {
            factory.Outage.Down = false;
        }

        var after = (await officer.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}"))!;
        Assert.Equal(before["status"]!.GetValue<string>(), after["status"]!.GetValue<string>());
        Assert.Equal(before["documents"]!.ToJsonString(), after["documents"]!.ToJsonString());

        // Once the store is back the same signature goes through.
        await ApiDriver.EnsureAsync(await borrower.PostAsync($"/api/v1/cases/{caseId}/sign", null), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_sign_whose_write_fails_for_one_document_leaves_no_new_revision_behind_so_the_retry_goes_through_at_once()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var borrower = await _api.ApplicantAsync(opened["applicationNumber"]!.GetValue<string>(), "王建国", "510603198804123574", "13881012345");
        await _api.PrepareToSignAsync(borrower, caseId);
        var store = factory.Services.GetRequiredService<IDocumentStore>();
        var documents = opened["documents"]!.AsArray().Select(d => d!["documentId"]!.GetValue<string>()).ToList();
        Assert.Equal(3, documents.Count);

        // The documents are written side by side: one write fails, the other two land in the store.
        factory.Outage.FailOnePut(key => key.Revision == 2);
        await ApiDriver.ProblemAsync(await borrower.PostAsync($"/api/v1/cases/{caseId}/sign", null), HttpStatusCode.ServiceUnavailable, "store-unavailable");

        // Revisions are write-once: a second revision 2 left in the store would refuse the retry (409) until the sweeper ran.
        var centre = opened["centreCode"]!.GetValue<string>();
        foreach (var document in documents)
            Assert.Null(await store.StatAsync(new DocumentKey(centre, Guid.Parse(caseId).ToString("N"), document, 2), CancellationToken.None));
        var signed = await borrower.PostAsync($"/api/v1/cases/{caseId}/sign", null);
        await ApiDriver.EnsureAsync(signed, HttpStatusCode.OK);
        foreach (var document in documents)
            Assert.NotNull(await store.StatAsync(new DocumentKey(centre, Guid.Parse(caseId).ToString("N"), document, 2), CancellationToken.None));
    }

    [Fact]
    public async Task A_countersign_whose_writes_timed_out_but_landed_is_retried_at_once_and_the_retry_replaces_every_uncommitted_revision()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        await _api.SignAsBothApplicantsAsync(opened);
        var officer = await _api.AsAsync("loan-officer", subject: ApiDriver.OfficerId);
        var centre = opened["centreCode"]!.GetValue<string>();
        var store = factory.Services.GetRequiredService<IDocumentStore>();
        var before = (await officer.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}"))!["documents"]!.AsArray();
        var next = before.Select(d => new DocumentKey(centre, Guid.Parse(caseId).ToString("N"), d!["documentId"]!.GetValue<string>(), d["revision"]!.GetValue<int>() + 1)).ToList();

        // The store takes every write but no answer arrives: the request fails with the objects in place, and
        // nothing of this request knows they are there to remove them. The retry meets all three at once.
        factory.Outage.LandThenFailPuts(key => next.Contains(key));
        await ApiDriver.ProblemAsync(await officer.PostAsync($"/api/v1/cases/{caseId}/countersign", null), HttpStatusCode.ServiceUnavailable, "store-unavailable");
        factory.Outage.LandThenFailPuts(null);
        var left = new List<StoredObjectInfo>();
        foreach (var key in next) left.Add((await store.StatAsync(key, CancellationToken.None))!);
        Assert.All(left, Assert.NotNull);

        // The retry (409 concurrent-change until the sweeper's grace ran out, before) puts its own bytes there and commits them.
        await ApiDriver.EnsureAsync(await officer.PostAsync($"/api/v1/cases/{caseId}/countersign", null), HttpStatusCode.OK);
        var after = (await officer.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}"))!["documents"]!.AsArray();
        foreach (var (key, stale) in next.Zip(left))
        {
            var document = after.Single(d => d!["documentId"]!.GetValue<string>() == key.DocumentId)!;
            Assert.Equal(key.Revision, document["revision"]!.GetValue<int>());
            Assert.NotEqual(stale.Sha256, document["sha256"]!.GetValue<string>());
            // What the case points to is what the store holds (the read checks the bytes against the recorded SHA-256).
            await ApiDriver.EnsureAsync(await officer.GetAsync($"/api/v1/cases/{caseId}/documents/{document["kind"]!.GetValue<string>()}"), HttpStatusCode.OK);
        }
    }
}
