using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Staff;

/// <summary>
/// The seal is the centre's second pair of eyes: the person who countersigned a case cannot also seal
/// it, even with an account that holds both roles; another seal officer of the centre can.
/// </summary>
public sealed class SeparationOfDutiesTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task The_officer_who_countersigned_cannot_seal_and_another_seal_officer_can()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        await _api.SignAsBothApplicantsAsync(opened);

        var both = await _api.AsAsync(["loan-officer", "seal-officer"], ApiDriver.OfficerId);
        await ApiDriver.EnsureAsync(await both.PostAsync($"/api/v1/cases/{caseId}/countersign", null), HttpStatusCode.OK);
        var refused = await ApiDriver.ProblemAsync(await both.PostAsync($"/api/v1/cases/{caseId}/seal", null), HttpStatusCode.Forbidden, "separation-of-duties");
        Assert.Contains(ApiDriver.OfficerId, refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var view = await both.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}");
        Assert.Equal("AwaitingSeal", view!["status"]!.GetValue<string>());

        var sealer = await _api.AsAsync("seal-officer", "DY-0002");
        await ApiDriver.EnsureAsync(await sealer.PostAsync($"/api/v1/cases/{caseId}/seal", null), HttpStatusCode.OK);
    }
}
