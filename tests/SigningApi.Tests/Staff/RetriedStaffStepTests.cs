using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Staff;

/// <summary>
/// A countersign or seal whose commit landed but whose answer was lost (a database restart between the two) is
/// retried by its client: the retry finds the step done by that same caller and answers 200 with the case as it
/// now stands, changing nothing; the step is not someone else's to claim (409 as before).
/// </summary>
public sealed class RetriedStaffStepTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task A_countersign_and_a_seal_retried_by_their_own_caller_answer_200_and_change_nothing_while_another_officer_still_gets_409()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        await _api.SignAsBothApplicantsAsync(opened);

        var officer = await _api.AsAsync("loan-officer", subject: ApiDriver.OfficerId);
        await ApiDriver.EnsureAsync(await officer.PostAsync($"/api/v1/cases/{caseId}/countersign", null), HttpStatusCode.OK);
        var countersigned = await StateAsync(officer, caseId);

        var again = await officer.PostAsync($"/api/v1/cases/{caseId}/countersign", null);
        await ApiDriver.EnsureAsync(again, HttpStatusCode.OK);
        var answer = (await again.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("AwaitingSeal", answer["status"]!.GetValue<string>());
        Assert.Equal(countersigned, await StateAsync(officer, caseId));

        var otherOfficer = await _api.AsAsync("loan-officer", subject: "DY-0009");
        await ApiDriver.ProblemAsync(await otherOfficer.PostAsync($"/api/v1/cases/{caseId}/countersign", null), HttpStatusCode.Conflict, "not-awaiting-countersign");

        var sealer = await _api.AsAsync("seal-officer", "DY-0002");
        await ApiDriver.EnsureAsync(await sealer.PostAsync($"/api/v1/cases/{caseId}/seal", null), HttpStatusCode.OK);
        var sealedState = await StateAsync(officer, caseId);
        var sealedAgain = await sealer.PostAsync($"/api/v1/cases/{caseId}/seal", null);
        await ApiDriver.EnsureAsync(sealedAgain, HttpStatusCode.OK);
        // The documents are the sealed revisions, and no second seal went on.
        var documents = (await sealedAgain.Content.ReadFromJsonAsync<JsonObject>())!["documents"]!.AsArray();
        Assert.Equal(3, documents.Count);
        Assert.Equal(sealedState, await StateAsync(officer, caseId));

        var otherSealer = await _api.AsAsync("seal-officer", "DY-0003");
        await ApiDriver.ProblemAsync(await otherSealer.PostAsync($"/api/v1/cases/{caseId}/seal", null), HttpStatusCode.Conflict, "not-awaiting-seal");
    }

    /// <summary>
    /// The contracts (revision and hash of each) and how many times the case reached each status, as one comparable
    /// string; the workflow may move a sealed case on meanwhile, which adds statuses but never a second of one.
    /// </summary>
    private static async Task<string> StateAsync(HttpClient client, string caseId)
    {
        var view = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}"))!;
        var documents = string.Join(";", view["documents"]!.AsArray().Where(d => d!["kind"]!.GetValue<string>() != "evidence-report")
            .Select(d => $"{d!["kind"]}@{d["revision"]}={d["sha256"]}"));
        var transitions = (await client.GetFromJsonAsync<JsonArray>($"/api/v1/cases/{caseId}/transitions"))!;
        var reached = transitions.GroupBy(t => t!["to"]!.GetValue<string>()).Where(g => g.Key is "AwaitingSeal" or "Sealed").Select(g => $"{g.Key}×{g.Count()}");
        return documents + "|" + string.Join(",", reached.Order(StringComparer.Ordinal));
    }
}
