using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Auth;

/// <summary>
/// The service trusting an external staff issuer (production auth mode): where the applicant role may
/// come from, which token an applicant holds, clock skew, and the issuer's key rotation under forged
/// key ids.
/// </summary>
public sealed class StaffIssuerTokenTests(StaffIssuerTokenTests.Factory factory) : IClassFixture<StaffIssuerTokenTests.Factory>
{
    public sealed class Factory : ExternalIssuerFactory;

    private const string Phone = "13881012345";

    // Messages the borrower's phone had before this test's case was opened (the class shares one gateway).
    private int _smsBefore;

    private async Task<(string CaseId, string PartyId, string ApplicationNumber)> OpenCaseAsync()
    {
        var sample = ApiDriver.SampleCase();
        var approval = factory.As(factory.Issuer.Staff("approval", ["approval-system"]));
        _smsBefore = factory.Sms.CountTo(Phone);
        var response = await approval.PostAsJsonAsync("/api/v1/cases", ApiDriver.Intake(sample));
        await ApiDriver.EnsureAsync(response, HttpStatusCode.Created);
        var opened = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var borrower = opened["parties"]!.AsArray().First(p => p!["name"]!.GetValue<string>() == "王建国")!;
        return (opened["id"]!.GetValue<string>(), borrower["id"]!.GetValue<string>(), sample["contractNumber"]!.GetValue<string>());
    }

    /// <summary>The borrower's own way in: the link from the SMS gateway, name + ID number, the code.</summary>
    private async Task<(HttpClient Client, string Token)> BorrowerThroughTheLinkAsync()
    {
        var link = await factory.Sms.LinkTokenToAsync(Phone, _smsBefore);
        var client = factory.CreateClient();
        var beforeCode = factory.Sms.CountTo(Phone);
        await ApiDriver.EnsureAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/identity", new { name = "王建国", idNumber = "510603198804123574" }), HttpStatusCode.OK);
        var access = await client.PostAsJsonAsync($"/api/v1/access/{link}/code", new { code = await factory.Sms.CodeToAsync(Phone, beforeCode) });
        await ApiDriver.EnsureAsync(access, HttpStatusCode.OK);
        var token = (await access.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        return (factory.As(token), token);
    }

    [Fact]
    public async Task A_staff_issuer_token_claiming_the_applicant_role_with_case_and_party_reads_consents_and_signs_nothing()
    {
        var (caseId, partyId, _) = await OpenCaseAsync();
        var forged = factory.As(factory.Issuer.Staff("mallory", ["applicant"], new Dictionary<string, object> { ["case"] = caseId, ["party"] = partyId }));

        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync($"/api/v1/cases/{caseId}/documents/loan-contract")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync($"/api/v1/cases/{caseId}/consent")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.PostAsJsonAsync($"/api/v1/cases/{caseId}/consent", new { text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.PostAsync($"/api/v1/cases/{caseId}/sign", null)).StatusCode);
        // Nothing happened on the case in the borrower's name.
        var auditor = factory.As(factory.Issuer.Staff("auditor", ["auditor"]));
        var timeline = await auditor.GetStringAsync($"/api/v1/cases/{caseId}/timeline");
        Assert.DoesNotContain("mallory", timeline);
    }

    [Fact]
    public async Task The_borrower_gets_in_through_the_link_sent_by_the_http_sms_gateway_and_reads_the_contract()
    {
        var (caseId, _, _) = await OpenCaseAsync();
        var (borrower, _) = await BorrowerThroughTheLinkAsync();
        var pdf = await borrower.GetAsync($"/api/v1/cases/{caseId}/documents/loan-contract");
        await ApiDriver.EnsureAsync(pdf, HttpStatusCode.OK);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..5]);
    }

    [Fact]
    public async Task An_applicant_token_signed_with_the_services_key_but_not_issued_on_a_link_of_its_party_is_refused()
    {
        var (caseId, partyId, _) = await OpenCaseAsync();
        var (_, genuine) = await BorrowerThroughTheLinkAsync();
        var linkId = Guid.Parse(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(genuine).GetClaim(OneThingClaims.Link).Value);
        var issuer = factory.Services.GetRequiredService<ApplicantTokenIssuer>();
        var coBorrower = (await factory.As(factory.Issuer.Staff("auditor", ["auditor"])).GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}"))!
            ["parties"]!.AsArray().First(p => p!["name"]!.GetValue<string>() == "李秀兰")!["id"]!.GetValue<string>();

        // A link that does not exist, and the borrower's link under the co-borrower's name.
        var noLink = issuer.Issue(Guid.Parse(caseId), Guid.Parse(partyId), Guid.NewGuid()).AccessToken;
        var otherParty = issuer.Issue(Guid.Parse(caseId), Guid.Parse(coBorrower), linkId).AccessToken;
        foreach (var token in new[] { noLink, otherParty })
            Assert.Equal(HttpStatusCode.Unauthorized, (await factory.As(token).GetAsync($"/api/v1/cases/{caseId}/documents/loan-contract")).StatusCode);
        // The token the link flow issued still works.
        Assert.Equal(HttpStatusCode.OK, (await factory.As(genuine).GetAsync($"/api/v1/cases/{caseId}/consent")).StatusCode);
    }

    [Fact]
    public async Task A_token_expired_45_seconds_ago_is_refused_and_one_expired_15_seconds_ago_is_still_accepted()
    {
        // The documented skew is 30 s: beyond it an expired token is refused.
        var lateBy45 = factory.As(factory.Issuer.Staff("auditor", ["auditor"], expires: DateTimeOffset.UtcNow.AddSeconds(-45)));
        var lateBy15 = factory.As(factory.Issuer.Staff("auditor", ["auditor"], expires: DateTimeOffset.UtcNow.AddSeconds(-15)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await lateBy45.GetAsync("/api/v1/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lateBy15.GetAsync("/api/v1/cases")).StatusCode);
    }

    [Fact]
    public async Task A_forged_token_with_an_unknown_key_id_does_not_hold_off_the_issuers_next_key()
    {
        // Fixture-wide: the key set is loaded, and any refresh the other tests asked for has passed.
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Equal(HttpStatusCode.OK, (await factory.As(factory.Issuer.Staff("auditor", ["auditor"])).GetAsync("/api/v1/cases")).StatusCode);
        var forged = factory.As(factory.Issuer.Staff("mallory", ["admin"], key: TestStaffIssuer.NewKey()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/cases")).StatusCode);

        // Right after the forgery the issuer rotates; its first token under the new key comes seconds later.
        var next = factory.Issuer.Publish();
        var rotated = factory.As(factory.Issuer.Staff("auditor", ["auditor"], key: next));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        HttpStatusCode status;
        while ((status = (await rotated.GetAsync("/api/v1/cases")).StatusCode) != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            await Task.Delay(500);
        Assert.Equal(HttpStatusCode.OK, status);
        // The forgery never got in.
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/cases")).StatusCode);
    }
}
