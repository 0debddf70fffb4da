using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Access;

/// <summary>
/// A party whose link is locked, spent or lost gets a new one from the loan officer of the case's centre,
/// by SMS to the phone on file; the officer never sees the link, and the party's earlier links stop working.
/// </summary>
public sealed class PartyInvitationTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);
    private const string BorrowerName = "王建国";
    private const string BorrowerId = "510603198804123574";
    private const string BorrowerPhone = "13881012345";

    [Fact]
    public async Task A_party_whose_link_is_locked_signs_with_a_new_link_and_the_old_one_has_expired()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var application = opened["applicationNumber"]!.GetValue<string>();
        var oldLink = await _api.LinkTokenAsync(BorrowerPhone, application);
        var stranger = _api.Anonymous();
        HttpResponseMessage answer;
        do
        {
            answer = await stranger.PostAsJsonAsync($"/api/v1/access/{oldLink}/identity", new { name = "张三", idNumber = BorrowerId });
        } while (answer.StatusCode == HttpStatusCode.Forbidden);
        await ApiDriver.ProblemAsync(answer, HttpStatusCode.Locked, "link-locked");

        var officer = await _api.AsAsync("loan-officer", ApiDriver.OfficerId);
        var response = await officer.PostAsync($"/api/v1/cases/{caseId}/parties/{PartyId(opened, "Borrower")}/invitation", null);
        await ApiDriver.EnsureAsync(response, HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        var invitation = JsonNode.Parse(body)!;
        Assert.Equal("138****2345", invitation["maskedPhone"]!.GetValue<string>());
        Assert.Equal(1, invitation["linksWithdrawn"]!.GetValue<int>());

        var newLink = await _api.LinkTokenAsync(BorrowerPhone, application);
        Assert.NotEqual(oldLink, newLink);
        Assert.DoesNotContain(newLink, body, StringComparison.Ordinal);
        await ApiDriver.ProblemAsync(await stranger.PostAsJsonAsync($"/api/v1/access/{oldLink}/identity", new { name = BorrowerName, idNumber = BorrowerId }),
            HttpStatusCode.Locked, "link-locked");

        // Asked again (the SMS did not arrive, say): the unused link just sent stops working too.
        await ApiDriver.EnsureAsync(await officer.PostAsync($"/api/v1/cases/{caseId}/parties/{PartyId(opened, "Borrower")}/invitation", null), HttpStatusCode.OK);
        Assert.NotEqual(newLink, await _api.LinkTokenAsync(BorrowerPhone, application));
        await ApiDriver.ProblemAsync(await stranger.PostAsJsonAsync($"/api/v1/access/{newLink}/identity", new { name = BorrowerName, idNumber = BorrowerId }),
            HttpStatusCode.Gone, "link-expired");

        var borrower = await _api.ApplicantAsync(application, BorrowerName, BorrowerId, BorrowerPhone);
        await ApiDriver.EnsureAsync(await _api.ReadConsentAndSignAsync(borrower, caseId), HttpStatusCode.OK);
        var timeline = await officer.GetStringAsync($"/api/v1/cases/{caseId}/timeline");
        Assert.Contains("signer-reinvited", timeline, StringComparison.Ordinal);

        // Signed: there is nothing left to invite the borrower to.
        await ApiDriver.ProblemAsync(await officer.PostAsync($"/api/v1/cases/{caseId}/parties/{PartyId(opened, "Borrower")}/invitation", null),
            HttpStatusCode.Conflict, "party-done");
    }

    [Fact]
    public async Task Only_the_loan_officer_of_the_cases_centre_can_send_a_new_link()
    {
        var opened = await _api.OpenCaseAsync();
        var path = $"/api/v1/cases/{opened["id"]!.GetValue<string>()}/parties/{PartyId(opened, "Borrower")}/invitation";
        var foreignOfficer = await _api.AsAsync("loan-officer", "DY-9999", centre: "OTHER-CENTRE");
        await ApiDriver.ProblemAsync(await foreignOfficer.PostAsync(path, null), HttpStatusCode.NotFound, "not-found");
        var sealOfficer = await _api.AsAsync("seal-officer");
        Assert.Equal(HttpStatusCode.Forbidden, (await sealOfficer.PostAsync(path, null)).StatusCode);
    }

    private static string PartyId(JsonObject view, string field) =>
        view["parties"]!.AsArray().Single(p => p!["fieldName"]!.GetValue<string>() == field)!["id"]!.GetValue<string>();
}
