using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Core;

/// <summary>The service with a fast expiry sweep.</summary>
public sealed class FastExpirySweepFactory : SigningApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["OneThing:Workflow:ExpirySweepInterval"] = "00:00:00.200",
    };
}

public sealed class CaseExpiryTests : IClassFixture<FastExpirySweepFactory>
{
    private const string BorrowerPhone = "13881012345";
    private readonly FastExpirySweepFactory _factory;
    private readonly ApiDriver _api;

    public CaseExpiryTests(FastExpirySweepFactory factory)
    {
        _factory = factory;
        _api = new ApiDriver(factory);
    }

    [Fact]
    public async Task A_case_whose_signing_period_ends_is_expired_without_anyone_touching_it()
    {
        var approval = await _api.AsAsync("approval-system");
        var response = await approval.PostAsJsonAsync("/api/v1/cases",
            new { @case = ApiDriver.SampleCase(), bankCode = ApiDriver.BankCode, signingOrder = "parallel", signingDays = 1 });
        await ApiDriver.EnsureAsync(response, HttpStatusCode.Created);
        var opened = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var caseId = opened["id"]!.GetValue<string>();
        var link = await _api.LinkTokenAsync(BorrowerPhone, opened["applicationNumber"]!.GetValue<string>());

        // The day passes: the signing period now ended a minute ago (tokens and certificates keep the real clock).
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
            var id = Guid.Parse(caseId);
            var ended = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1);
            await db.Cases.Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.ExpiresAt, ended));
        }

        var officer = await _api.AsAsync("loan-officer", ApiDriver.OfficerId);
        var status = "";
        for (var i = 0; i < 100 && status != "Expired"; i++)
        {
            await Task.Delay(100);
            status = (await officer.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}"))!["status"]!.GetValue<string>();
        }
        Assert.Equal("Expired", status);
        var timeline = await officer.GetFromJsonAsync<JsonArray>($"/api/v1/cases/{caseId}/timeline");
        Assert.Single(timeline!, t => t!["action"]!.GetValue<string>() == "case-expired");
        await ApiDriver.ProblemAsync(
            await _api.Anonymous().PostAsJsonAsync($"/api/v1/access/{link}/identity", new { name = "王建国", idNumber = "510603198804123574" }),
            HttpStatusCode.Gone);
    }

    [Fact]
    public async Task A_case_still_inside_its_signing_period_is_left_alone()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();

        await Task.Delay(600);

        var officer = await _api.AsAsync("loan-officer", ApiDriver.OfficerId);
        var c = await officer.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}");
        Assert.Equal("AwaitingSignatures", c!["status"]!.GetValue<string>());
    }
}
