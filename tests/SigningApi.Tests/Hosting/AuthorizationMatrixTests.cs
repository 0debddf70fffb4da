using System.Net;
using System.Net.Http.Json;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Hosting;

/// <summary>
/// Every role against every endpoint: anonymous callers get 401, roles without the right 403, and a
/// role with the right passes authorisation (whatever the business answer). Scoping: a case outside
/// an officer's centre, a bank's entrustment or an applicant's own case is not found.
/// </summary>
public sealed class AuthorizationMatrixTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);

    private static readonly string[] StaffRoles = ["approval-system", "loan-officer", "seal-officer", "bank", "auditor", "admin"];
    private static readonly string[] Everyone = [.. StaffRoles, "applicant"];

    /// <summary>(method, path, roles allowed). {id} is a case in every caller's scope.</summary>
    private static readonly (string Method, string Path, string[] Allowed)[] Endpoints =
    [
        ("POST", "/api/v1/cases", ["approval-system"]),
        ("GET", "/api/v1/cases", StaffRoles),
        ("GET", "/api/v1/cases/{id}", Everyone),
        ("GET", "/api/v1/cases/{id}/timeline", Everyone),
        ("GET", "/api/v1/cases/{id}/documents/loan-contract", Everyone),
        ("POST", "/api/v1/cases/{id}/documents/loan-contract/link", ["bank", "auditor", "admin"]),
        ("GET", "/api/v1/cases/{id}/consent", ["applicant"]),
        ("POST", "/api/v1/cases/{id}/consent", ["applicant"]),
        ("POST", "/api/v1/cases/{id}/handwriting", ["applicant"]),
        ("POST", "/api/v1/cases/{id}/sign", ["applicant"]),
        ("POST", "/api/v1/cases/{id}/signing/challenge", ["applicant"]),
        ("POST", "/api/v1/cases/{id}/signing/prepare", ["applicant"]),
        ("POST", "/api/v1/cases/{id}/signing/complete", ["applicant"]),
        ("POST", "/api/v1/cases/{id}/decline", ["applicant"]),
        ("POST", "/api/v1/cases/{id}/countersign", ["loan-officer"]),
        ("POST", "/api/v1/cases/{id}/seal", ["seal-officer"]),
        ("POST", "/api/v1/cases/{id}/parties/0b1e6f3c-0000-4000-8000-000000000001/invitation", ["loan-officer"]),
        ("POST", "/api/v1/verify", Everyone),
        ("GET", "/api/v1/web/me", StaffRoles),
    ];

    [Fact]
    public async Task Every_role_gets_exactly_the_endpoints_it_is_entitled_to()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var clients = new Dictionary<string, HttpClient>();
        foreach (var role in StaffRoles) clients[role] = await _api.AsAsync(role);
        clients["applicant"] = await _api.ApplicantAsync(opened["applicationNumber"]!.GetValue<string>(), "王建国", "510603198804123574", "13881012345");

        var failures = new List<string>();
        foreach (var (method, template, allowed) in Endpoints)
        {
            var path = template.Replace("{id}", caseId, StringComparison.Ordinal);
            var anonymous = await SendAsync(_api.Anonymous(), method, path);
            if (anonymous.StatusCode != HttpStatusCode.Unauthorized) failures.Add($"anonymous {method} {path}: {(int)anonymous.StatusCode}, expected 401");
            foreach (var role in Everyone)
            {
                var response = await SendAsync(clients[role], method, path);
                var status = response.StatusCode;
                if (allowed.Contains(role) && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    failures.Add($"{role} {method} {path}: {(int)status}, expected to be allowed: {await response.Content.ReadAsStringAsync()}");
                if (!allowed.Contains(role) && status != HttpStatusCode.Forbidden)
                    failures.Add($"{role} {method} {path}: {(int)status}, expected 403");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Cases_outside_a_callers_scope_are_not_found_and_not_listed()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var other = await _api.OpenCaseAsync();
        var otherApplicant = await _api.ApplicantAsync(other["applicationNumber"]!.GetValue<string>(), "王建国", "510603198804123574", "13881012345");
        var strangers = new[]
        {
            await _api.AsAsync("loan-officer", centre: "OTHER-CENTRE"),
            await _api.AsAsync("seal-officer", centre: "OTHER-CENTRE"),
            await _api.AsAsync("bank", bank: "OTHER-BANK"),
            otherApplicant,
        };
        foreach (var stranger in strangers)
        {
            await ApiDriver.ProblemAsync(await stranger.GetAsync($"/api/v1/cases/{caseId}"), HttpStatusCode.NotFound, "not-found");
            await ApiDriver.ProblemAsync(await stranger.GetAsync($"/api/v1/cases/{caseId}/documents/loan-contract"), HttpStatusCode.NotFound, "not-found");
        }
        var foreignBank = await _api.AsAsync("bank", bank: "OTHER-BANK");
        var listed = await foreignBank.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/api/v1/cases");
        Assert.Empty(listed!);
        var ownBank = await _api.AsAsync("bank");
        var own = await ownBank.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/api/v1/cases");
        Assert.Contains(own!, c => c!["id"]!.GetValue<string>() == caseId);
    }

    [Fact]
    public async Task An_action_is_scoped_by_the_role_it_is_taken_in_not_by_a_see_everything_role_beside_it()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var actions = new (string Role, string Path)[]
        {
            ("loan-officer", "countersign"),
            ("seal-officer", "seal"),
            ("bank", "disbursement"),
        };
        foreach (var (role, path) in actions)
        {
            // An auditor who is also the officer of another centre (or another bank) sees the case, but may not act on it.
            var outsider = await _api.AsAsync([role, "auditor"], $"{role}-auditor", centre: "OTHER-CENTRE", bank: "OTHER-BANK");
            await ApiDriver.EnsureAsync(await outsider.GetAsync($"/api/v1/cases/{caseId}"), HttpStatusCode.OK);
            var refused = await outsider.PostAsJsonAsync($"/api/v1/cases/{caseId}/{path}", new { bankReference = "X1", amountFen = 1 });
            await ApiDriver.ProblemAsync(refused, HttpStatusCode.Forbidden, "outside-role-scope");
            // The same role within its own scope gets past the scope and is answered on the case's state.
            var insider = await _api.AsAsync([role, "auditor"], $"{role}-auditor");
            var answered = await insider.PostAsJsonAsync($"/api/v1/cases/{caseId}/{path}", new { bankReference = "X1", amountFen = 1 });
            Assert.NotEqual(HttpStatusCode.Forbidden, answered.StatusCode);
            Assert.NotEqual(HttpStatusCode.OK, answered.StatusCode);
        }
        var timeline = await (await _api.AsAsync("auditor")).GetStringAsync($"/api/v1/cases/{caseId}/timeline");
        Assert.DoesNotContain("-auditor", timeline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_development_issuer_refuses_applicant_and_unknown_roles()
    {
        var response = await _api.Anonymous().PostAsJsonAsync("/api/v1/dev/tokens", new { subject = "x", roles = new[] { "applicant" } });
        await ApiDriver.ProblemAsync(response, HttpStatusCode.BadRequest, "invalid-token-request");
        response = await _api.Anonymous().PostAsJsonAsync("/api/v1/dev/tokens", new { subject = "x", roles = new[] { "loan-officer" } });
        await ApiDriver.ProblemAsync(response, HttpStatusCode.BadRequest, "invalid-token-request");
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = JsonContent.Create(new { });
        return client.SendAsync(request);
    }
}
