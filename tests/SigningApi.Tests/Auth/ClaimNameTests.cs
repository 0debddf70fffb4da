using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Auth;

/// <summary>
/// With the provider's own claim names configured (<c>RoleClaim</c> <c>groups</c>, <c>CentreClaim</c>
/// <c>org_code</c>, <c>BankClaim</c> <c>bank_code</c>), those claims decide; a claim that happens to carry
/// the service's internal name (<c>role</c>, <c>centre</c>, <c>bank</c>) in the same token never does.
/// </summary>
public sealed class ClaimNameTests(ClaimNameTests.Factory factory) : IClassFixture<ClaimNameTests.Factory>
{
    public sealed class Factory : ExternalIssuerFactory
    {
        protected override IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>
        {
            ["OneThing:Auth:RoleClaim"] = "groups",
            ["OneThing:Auth:CentreClaim"] = "org_code",
            ["OneThing:Auth:BankClaim"] = "bank_code",
        };
    }

    private const string OtherCentre = "91510700MA0OTHERXX";

    private string Token(string subject, IReadOnlyDictionary<string, object> claims) =>
        factory.Issuer.Token(new Dictionary<string, object>(claims) { ["sub"] = subject });

    private async Task<string> OpenCaseAsync()
    {
        var approval = factory.As(Token("approval", new Dictionary<string, object> { ["groups"] = new[] { "approval-system" } }));
        var response = await approval.PostAsJsonAsync("/api/v1/cases", ApiDriver.Intake(ApiDriver.SampleCase()));
        await ApiDriver.EnsureAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task The_configured_centre_claim_decides_and_a_centre_claim_beside_it_is_ignored()
    {
        var caseId = await OpenCaseAsync();
        var ownCentre = factory.As(Token("DY-0001", new Dictionary<string, object>
        {
            ["groups"] = new[] { "loan-officer" }, ["org_code"] = ApiDriver.CentreCode, ["centre"] = OtherCentre,
        }));
        var otherCentre = factory.As(Token("other-officer", new Dictionary<string, object>
        {
            ["groups"] = new[] { "loan-officer" }, ["org_code"] = OtherCentre, ["centre"] = ApiDriver.CentreCode,
        }));
        Assert.Equal(HttpStatusCode.OK, (await ownCentre.GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherCentre.GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
    }

    [Fact]
    public async Task The_configured_bank_claim_decides_and_a_bank_claim_beside_it_is_ignored()
    {
        var caseId = await OpenCaseAsync();
        var entrusted = factory.As(Token("ccb", new Dictionary<string, object>
        {
            ["groups"] = new[] { "bank" }, ["bank_code"] = ApiDriver.BankCode, ["bank"] = "ICBC-DY",
        }));
        var otherBank = factory.As(Token("icbc", new Dictionary<string, object>
        {
            ["groups"] = new[] { "bank" }, ["bank_code"] = "ICBC-DY", ["bank"] = ApiDriver.BankCode,
        }));
        Assert.Equal(HttpStatusCode.OK, (await entrusted.GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherBank.GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
    }

    [Fact]
    public async Task Roles_come_from_the_configured_role_claim_only()
    {
        var caseId = await OpenCaseAsync();
        var roleOnly = factory.As(Token("mallory", new Dictionary<string, object> { ["role"] = new[] { "admin", "auditor" } }));
        var groups = factory.As(Token("auditor", new Dictionary<string, object> { ["groups"] = new[] { "auditor" }, ["role"] = new[] { "admin" } }));
        Assert.Equal(HttpStatusCode.Forbidden, (await roleOnly.GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await groups.GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
        // Cancelling is the admin's: the stray role claim grants nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await groups.PostAsJsonAsync($"/api/v1/cases/{caseId}/cancel", new { reason = "x" })).StatusCode);
    }
}
