using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Access;

/// <summary>
/// Intent is bound to the person through one access session: the client that passed the name + ID
/// check is the only one that may finish the code step; the token of a session is revoked when the
/// session ends (re-invitation, decline, cancel, expiry); and what a party read, accepted and drew
/// counts only in the session it was done in, with each read recorded by revision and SHA-256.
/// </summary>
public sealed class AccessSessionTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private const string BorrowerName = "王建国";
    private const string BorrowerId = "510603198804123574";
    private const string BorrowerPhone = "13881012345";
    private const string CoBorrowerPhone = "13990267788";

    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task Another_client_holding_the_link_cannot_use_the_code_until_it_passes_the_name_and_ID_check_itself()
    {
        var opened = await _api.OpenCaseAsync();
        var link = await _api.LinkTokenAsync(BorrowerPhone, opened["applicationNumber"]!.GetValue<string>());
        var owner = _api.Anonymous();
        await ApiDriver.EnsureAsync(await owner.PostAsJsonAsync($"/api/v1/access/{link}/identity", new { name = BorrowerName, idNumber = BorrowerId }), HttpStatusCode.OK);
        var code = await _api.LatestCodeAsync(BorrowerPhone);

        // Someone else with the forwarded link and the code read over a shoulder.
        var other = _api.Anonymous();
        await ApiDriver.ProblemAsync(await other.PostAsJsonAsync($"/api/v1/access/{link}/code", new { code }), HttpStatusCode.Conflict, "identity-not-verified");
        await ApiDriver.ProblemAsync(await other.PostAsJsonAsync($"/api/v1/access/{link}/code/resend", new { }), HttpStatusCode.Conflict, "identity-not-verified");

        // Passing the check on the other client moves the code step there: the first client is now the one refused.
        await ApiDriver.EnsureAsync(await other.PostAsJsonAsync($"/api/v1/access/{link}/identity", new { name = BorrowerName, idNumber = BorrowerId }), HttpStatusCode.OK);
        code = await _api.LatestCodeAsync(BorrowerPhone);
        await ApiDriver.ProblemAsync(await owner.PostAsJsonAsync($"/api/v1/access/{link}/code", new { code }), HttpStatusCode.Conflict, "identity-not-verified");
        await ApiDriver.EnsureAsync(await other.PostAsJsonAsync($"/api/v1/access/{link}/code", new { code }), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_reinvitation_revokes_the_party_s_outstanding_token_and_the_new_session_must_read_consent_and_draw_again()
    {
        var (caseId, application, opened) = await OpenAsync();
        var first = await _api.ApplicantAsync(application, BorrowerName, BorrowerId, BorrowerPhone);
        await _api.PrepareToSignAsync(first, caseId);

        var officer = await _api.AsAsync("loan-officer", subject: ApiDriver.OfficerId);
        await ApiDriver.EnsureAsync(await officer.PostAsync($"/api/v1/cases/{caseId}/parties/{PartyId(opened, "Borrower")}/invitation", null), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.PostAsync($"/api/v1/cases/{caseId}/sign", null)).StatusCode);

        // The new link's session: what the first one read, accepted and drew does not count.
        var second = await ApplicantOnNewestLinkAsync(application);
        await ApiDriver.ProblemAsync(await second.PostAsync($"/api/v1/cases/{caseId}/sign", null), HttpStatusCode.Conflict, "consent-required");
        await _api.PrepareToSignAsync(second, caseId);
        await ApiDriver.EnsureAsync(await second.PostAsync($"/api/v1/cases/{caseId}/sign", null), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_decline_revokes_the_decliner_s_token_and_a_cancel_revokes_every_applicant_token_of_the_case()
    {
        var (caseId, application, _) = await OpenAsync();
        var borrower = await _api.ApplicantAsync(application, BorrowerName, BorrowerId, BorrowerPhone);
        await ApiDriver.EnsureAsync(await borrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/decline", new { reason = "利率与约定不符" }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, (await borrower.GetAsync($"/api/v1/cases/{caseId}")).StatusCode);

        var (otherCase, otherApplication, _) = await OpenAsync();
        var b = await _api.ApplicantAsync(otherApplication, BorrowerName, BorrowerId, BorrowerPhone);
        var co = await _api.ApplicantAsync(otherApplication, "李秀兰", "510603199007232844", CoBorrowerPhone);
        await ApiDriver.EnsureAsync(await b.GetAsync($"/api/v1/cases/{otherCase}"), HttpStatusCode.OK);
        var admin = await _api.AsAsync("admin");
        await ApiDriver.EnsureAsync(await admin.PostAsJsonAsync($"/api/v1/cases/{otherCase}/cancel", new { reason = "申请撤回" }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, (await b.GetAsync($"/api/v1/cases/{otherCase}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await co.GetAsync($"/api/v1/cases/{otherCase}")).StatusCode);
    }

    [Fact]
    public async Task The_case_s_expiry_revokes_the_applicant_tokens()
    {
        var (caseId, application, _) = await OpenAsync();
        var borrower = await _api.ApplicantAsync(application, BorrowerName, BorrowerId, BorrowerPhone);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
            var stored = await db.Cases.SingleAsync(c => c.Id == Guid.Parse(caseId));
            stored.ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1);
            stored.Version = Guid.NewGuid();
            await db.SaveChangesAsync();
        }
        // The applicant's next step finds the period over and expires the case, ending its sessions.
        await ApiDriver.ProblemAsync(await borrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/consent", new { text = "x" }), HttpStatusCode.Gone, "case-expired");
        Assert.Equal(HttpStatusCode.Unauthorized, (await borrower.GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
    }

    [Fact]
    public async Task Each_read_is_recorded_with_the_revision_and_the_SHA_256_of_the_bytes_served()
    {
        var (caseId, application, _) = await OpenAsync();
        var borrower = await _api.ApplicantAsync(application, BorrowerName, BorrowerId, BorrowerPhone);
        var pdf = await borrower.GetByteArrayAsync($"/api/v1/cases/{caseId}/documents/loan-contract");
        var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));

        var timeline = (await (await _api.AsAsync("admin")).GetFromJsonAsync<JsonArray>($"/api/v1/cases/{caseId}/timeline"))!;
        var read = timeline.Single(t => t!["action"]!.GetValue<string>() == "document-read")!;
        Assert.Equal($"Borrower opened loan-contract r1 sha256 {sha}", read["detail"]!.GetValue<string>());
    }

    private async Task<(string CaseId, string Application, JsonObject Opened)> OpenAsync()
    {
        var opened = await _api.OpenCaseAsync();
        return (opened["id"]!.GetValue<string>(), opened["applicationNumber"]!.GetValue<string>(), opened);
    }

    /// <summary>Link → identity → code on the newest link the borrower's phone received.</summary>
    private async Task<HttpClient> ApplicantOnNewestLinkAsync(string application)
    {
        var message = (await _api.SmsAsync(BorrowerPhone)).Where(m => m["text"]!.GetValue<string>().Contains(application, StringComparison.Ordinal)).First();
        var link = System.Text.RegularExpressions.Regex.Match(message["text"]!.GetValue<string>(), @"/sign/([A-Za-z0-9_\-]+)").Groups[1].Value;
        var client = _api.Anonymous();
        await ApiDriver.EnsureAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/identity", new { name = BorrowerName, idNumber = BorrowerId }), HttpStatusCode.OK);
        var code = await _api.LatestCodeAsync(BorrowerPhone);
        var access = await client.PostAsJsonAsync($"/api/v1/access/{link}/code", new { code });
        await ApiDriver.EnsureAsync(access, HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await access.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
        return client;
    }

    private static string PartyId(JsonObject view, string field) =>
        view["parties"]!.AsArray().Single(p => p!["fieldName"]!.GetValue<string>() == field)!["id"]!.GetValue<string>();
}
