using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Access;

/// <summary>
/// In a sequential case each signer's SMS goes out when it is their turn: intake invites the borrower
/// only; the borrower's signature sends the co-borrower a link that names the deadline. A link sent early
/// (the officer's choice) says before identity that the holder must wait, and for whom.
/// </summary>
public sealed class SequentialInvitationTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);
    private const string BorrowerPhone = "13881012345";
    private const string CoBorrowerPhone = "13990267788";

    [Fact]
    public async Task The_co_borrower_gets_no_link_until_the_borrower_has_signed_and_then_one_that_names_the_deadline()
    {
        var opened = await _api.OpenCaseAsync(order: "sequential");
        var caseId = opened["id"]!.GetValue<string>();
        var application = opened["applicationNumber"]!.GetValue<string>();
        Assert.Single(await SmsForAsync(BorrowerPhone, application));
        Assert.Empty(await SmsForAsync(CoBorrowerPhone, application));
        var officer = await _api.AsAsync("loan-officer", ApiDriver.OfficerId);
        Assert.Equal(["Borrower"], await InvitedAsync(officer, caseId));

        var borrower = await _api.ApplicantAsync(application, "王建国", "510603198804123574", BorrowerPhone);
        // Nothing the borrower does before signing invites anyone.
        await _api.PrepareToSignAsync(borrower, caseId);
        Assert.Empty(await SmsForAsync(CoBorrowerPhone, application));
        await ApiDriver.EnsureAsync(await borrower.PostAsync($"/api/v1/cases/{caseId}/sign", null), HttpStatusCode.OK);

        var sms = Assert.Single(await SmsForAsync(CoBorrowerPhone, application));
        var link = await _api.LinkTokenAsync(CoBorrowerPhone, application);
        var landing = (await _api.Anonymous().GetFromJsonAsync<JsonObject>($"/api/v1/access/{link}"))!;
        Assert.True(landing["yourTurn"]!.GetValue<bool>());
        var deadline = landing["signBy"]!.GetValue<DateTimeOffset>().ToOffset(TimeSpan.FromHours(8));
        Assert.StartsWith("【公积金中心】", sms, StringComparison.Ordinal);
        Assert.Contains($"请于{deadline:yyyy年M月d日 HH:mm}（北京时间）前", sms, StringComparison.Ordinal);
        Assert.Equal(["Borrower", "CoBorrower1"], await InvitedAsync(officer, caseId));
        var timeline = (await officer.GetFromJsonAsync<JsonArray>($"/api/v1/cases/{caseId}/timeline"))!.Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.True(timeline.IndexOf("signer-signed") < timeline.LastIndexOf("signer-invited"), string.Join(", ", timeline));

        var coBorrower = await _api.ApplicantAsync(application, "李秀兰", "510603199007232844", CoBorrowerPhone);
        var signed = await _api.ReadConsentAndSignAsync(coBorrower, caseId);
        await ApiDriver.EnsureAsync(signed, HttpStatusCode.OK);
        Assert.Equal("AwaitingCountersign", (await signed.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        // The last signer's signature invites nobody.
        Assert.Single(await SmsForAsync(BorrowerPhone, application));
        Assert.Single(await SmsForAsync(CoBorrowerPhone, application));
    }

    [Fact]
    public async Task A_link_sent_early_says_before_identity_that_the_co_borrower_must_wait_for_the_borrower()
    {
        var opened = await _api.OpenCaseAsync(order: "sequential");
        var caseId = opened["id"]!.GetValue<string>();
        var application = opened["applicationNumber"]!.GetValue<string>();
        var officer = await _api.AsAsync("loan-officer", ApiDriver.OfficerId);
        var coBorrowerId = opened["parties"]!.AsArray().Single(p => p!["fieldName"]!.GetValue<string>() == "CoBorrower1")!["id"]!.GetValue<string>();
        await ApiDriver.EnsureAsync(await officer.PostAsync($"/api/v1/cases/{caseId}/parties/{coBorrowerId}/invitation", null), HttpStatusCode.OK);

        var link = await _api.LinkTokenAsync(CoBorrowerPhone, application);
        var landing = (await _api.Anonymous().GetFromJsonAsync<JsonObject>($"/api/v1/access/{link}"))!;
        Assert.False(landing["yourTurn"]!.GetValue<bool>());
        Assert.Equal(["borrower"], landing["waitingForRoles"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("co-borrower", landing["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task In_a_parallel_case_every_signer_is_invited_at_intake()
    {
        var opened = await _api.OpenCaseAsync();
        var application = opened["applicationNumber"]!.GetValue<string>();
        Assert.Single(await SmsForAsync(BorrowerPhone, application));
        Assert.Single(await SmsForAsync(CoBorrowerPhone, application));
        Assert.Equal(["Borrower", "CoBorrower1"], await InvitedAsync(await _api.AsAsync("loan-officer", ApiDriver.OfficerId), opened["id"]!.GetValue<string>()));
    }

    private async Task<List<string>> SmsForAsync(string phone, string application) =>
        [.. (await _api.SmsAsync(phone)).Select(m => m["text"]!.GetValue<string>()).Where(t => t.Contains(application, StringComparison.Ordinal))];

    /// <summary>The fields the timeline records as invited, in order (the detail starts with the field name).</summary>
    private static async Task<List<string>> InvitedAsync(HttpClient officer, string caseId) =>
        [.. (await officer.GetFromJsonAsync<JsonArray>($"/api/v1/cases/{caseId}/timeline"))!
            .Where(e => e!["action"]!.GetValue<string>() == "signer-invited")
            .Select(e => e!["detail"]!.GetValue<string>().Split(' ')[0])];
}
