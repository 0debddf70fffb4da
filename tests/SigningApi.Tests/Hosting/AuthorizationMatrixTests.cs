using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Hosting;

/// <summary>
/// Every route the service maps (read from its own <see cref="EndpointDataSource"/>) against every caller: anonymous
/// callers get 401, each role outside the route's rights 403, each role inside them passes authorisation (whatever the
/// business answer), and public routes answer anonymous callers (no 401 challenge). A route without an entry in the
/// matrix, or an entry without a route, fails. Scoping: a case outside an officer's centre, a bank's entrustment or an
/// applicant's own case is not found.
/// </summary>
public sealed partial class AuthorizationMatrixTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);

    private static readonly string[] StaffRoles = ["approval-system", "loan-officer", "seal-officer", "bank", "auditor", "admin"];
    private static readonly string[] Everyone = [.. StaffRoles, "applicant"];
    private static readonly string[] Public = [];

    /// <summary>
    /// Who may call each route, keyed by method and route pattern as the service maps it ("*" where any method is
    /// mapped, e.g. health checks); <see cref="Public"/> for anonymous routes. Routes that end a case (decline, cancel)
    /// run on a case of their own, so they cannot change the answers of the others.
    /// </summary>
    private static readonly Dictionary<string, (string[] Allowed, bool OwnCase)> Matrix = new(StringComparer.Ordinal)
    {
        ["GET /"] = (Public, false),
        ["GET /console"] = (Public, false),
        ["GET /verify"] = (Public, false),
        ["GET /sign/{linkToken:regex(^[A-Za-z0-9_-]+$)}"] = (Public, false),
        ["GET /openapi/{documentName}.json"] = (Public, false),
        ["GET /api-docs/{documentName?}"] = (Public, false),
        ["GET /api-docs/scalar.js"] = (Public, false),
        ["GET /api-docs/scalar.aspnetcore.js"] = (Public, false),
        ["GET /api-docs/favicon.svg"] = (Public, false),
        ["* /health/live"] = (Public, false),
        ["* /health/ready"] = (Public, false),
        ["* /metrics"] = (Public, false),
        ["GET /pki/crl/{caName}.crl"] = (Public, false),
        ["GET /pki/ca/{caName}.crt"] = (Public, false),
        ["POST /pki/ocsp"] = (Public, false),
        ["GET /pki/ocsp/{**encoded}"] = (Public, false),
        ["POST /tsa"] = (Public, false),
        ["GET /api/v1/web/config"] = (Public, false),
        ["POST /api/v1/dev/tokens"] = (Public, false),
        ["GET /api/v1/dev/sms"] = (Public, false),
        ["GET /api/v1/access/{linkToken}/"] = (Public, false),
        ["POST /api/v1/access/{linkToken}/identity"] = (Public, false),
        ["POST /api/v1/access/{linkToken}/code/resend"] = (Public, false),
        ["POST /api/v1/access/{linkToken}/code"] = (Public, false),
        ["GET /api/v1/downloads/{token}"] = (Public, false),
        ["GET /api/v1/web/me"] = (StaffRoles, false),
        ["POST /api/v1/cases/"] = (["approval-system"], false),
        ["GET /api/v1/cases/"] = (StaffRoles, false),
        ["GET /api/v1/cases/counts"] = (StaffRoles, false),
        ["GET /api/v1/cases/{id:guid}"] = (Everyone, false),
        ["GET /api/v1/cases/{id:guid}/facts"] = (Everyone, false),
        ["GET /api/v1/cases/{id:guid}/timeline"] = (Everyone, false),
        ["GET /api/v1/cases/{id:guid}/documents/{kind}"] = (Everyone, false),
        ["POST /api/v1/cases/{id:guid}/documents/{kind}/link"] = (["bank", "auditor", "admin"], false),
        ["GET /api/v1/cases/{id:guid}/consent"] = (["applicant"], false),
        ["POST /api/v1/cases/{id:guid}/consent"] = (["applicant"], false),
        ["POST /api/v1/cases/{id:guid}/handwriting"] = (["applicant"], false),
        ["GET /api/v1/cases/{id:guid}/progress"] = (["applicant"], false),
        ["POST /api/v1/cases/{id:guid}/progress"] = (["applicant"], false),
        ["POST /api/v1/cases/{id:guid}/sign"] = (["applicant"], false),
        ["POST /api/v1/cases/{id:guid}/signing/challenge"] = (["applicant"], false),
        ["POST /api/v1/cases/{id:guid}/signing/prepare"] = (["applicant"], false),
        ["POST /api/v1/cases/{id:guid}/signing/complete"] = (["applicant"], false),
        ["POST /api/v1/cases/{id:guid}/decline"] = (["applicant"], true),
        ["POST /api/v1/cases/{id:guid}/countersign"] = (["loan-officer"], false),
        ["POST /api/v1/cases/{id:guid}/seal"] = (["seal-officer"], false),
        ["POST /api/v1/cases/{id:guid}/cancel"] = (["admin"], true),
        ["POST /api/v1/cases/{id:guid}/deadline"] = (["loan-officer"], false),
        ["POST /api/v1/cases/{id:guid}/disbursement"] = (["bank"], false),
        ["POST /api/v1/cases/{id:guid}/parties/{partyId:guid}/invitation"] = (["loan-officer"], false),
        ["GET /api/v1/cases/{id:guid}/transitions"] = (StaffRoles, false),
        ["GET /api/v1/cases/{id:guid}/audit"] = (["auditor", "admin"], false),
        ["GET /api/v1/audit/verify"] = (["auditor", "admin"], false),
        ["POST /api/v1/verify"] = (Everyone, false),
        ["GET /api/v1/verify/records/{sha256}"] = (Everyone, false),
    };

    [Fact]
    public void Every_route_the_service_maps_has_an_entry_in_the_matrix_and_every_entry_a_route()
    {
        var mapped = MappedRoutes().Select(r => r.Key).ToHashSet(StringComparer.Ordinal);

        var missing = mapped.Where(k => !Matrix.ContainsKey(k)).Order(StringComparer.Ordinal).ToArray();
        var stale = Matrix.Keys.Where(k => !mapped.Contains(k)).Order(StringComparer.Ordinal).ToArray();

        Assert.True(missing.Length == 0, "routes without an entry in the authorization matrix: " + string.Join(", ", missing));
        Assert.True(stale.Length == 0, "matrix entries for routes the service does not map: " + string.Join(", ", stale));
        // The routes the hand-written list of earlier versions left out are among those checked.
        Assert.Subset(mapped, new HashSet<string>(["POST /api/v1/cases/{id:guid}/cancel", "POST /api/v1/cases/{id:guid}/disbursement",
            "GET /api/v1/cases/{id:guid}/transitions", "GET /api/v1/cases/{id:guid}/audit", "GET /api/v1/audit/verify"], StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_route_answers_anonymous_callers_401_roles_outside_its_rights_403_and_lets_roles_inside_them_through()
    {
        var failures = new List<string>();
        var shared = await CallersOnNewCaseAsync();
        var routes = MappedRoutes().Where(r => Matrix.ContainsKey(r.Key)).ToArray();
        Assert.NotEmpty(routes);
        foreach (var (key, method, pattern) in routes)
        {
            var (allowed, ownCase) = Matrix[key];
            var (caseId, clients) = ownCase ? await CallersOnNewCaseAsync() : shared;
            var path = SamplePath(pattern, caseId);
            var anonymous = await SendAsync(_api.Anonymous(), method, path);
            if (allowed.Length == 0)
            {
                // Authorisation refuses an anonymous caller with the 401 challenge, never 403: any other answer (a bad
                // download token's 403 included) comes from the route itself.
                if (anonymous.StatusCode is HttpStatusCode.Unauthorized)
                    failures.Add($"anonymous {method} {path}: 401, expected a public route to answer");
                continue;
            }
            if (anonymous.StatusCode != HttpStatusCode.Unauthorized) failures.Add($"anonymous {method} {path}: {(int)anonymous.StatusCode}, expected 401");
            // Roles outside the rights first: a role inside them may end the case (decline, cancel).
            foreach (var role in Everyone.OrderBy(r => allowed.Contains(r)))
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

    /// <summary>A new case, a client per staff role and its applicant's client.</summary>
    private async Task<(string CaseId, Dictionary<string, HttpClient> Clients)> CallersOnNewCaseAsync()
    {
        var opened = await _api.OpenCaseAsync();
        var clients = new Dictionary<string, HttpClient>();
        foreach (var role in StaffRoles) clients[role] = await _api.AsAsync(role);
        clients["applicant"] = await _api.ApplicantAsync(opened["applicationNumber"]!.GetValue<string>(), "王建国", "510603198804123574", "13881012345");
        return (opened["id"]!.GetValue<string>(), clients);
    }

    /// <summary>Every route endpoint the running service maps, keyed as the matrix is ("*" for routes open to any method).</summary>
    private IReadOnlyList<(string Key, string Method, string Pattern)> MappedRoutes()
    {
        _ = factory.Server;
        return [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => ($"{m} {e.RoutePattern.RawText}", m, e.RoutePattern.RawText ?? "/")))
            .Distinct()];
    }

    /// <summary>A path that matches <paramref name="pattern"/>, with the case in every caller's scope for {id}.</summary>
    private static string SamplePath(string pattern, string caseId)
    {
        var path = RouteParameter().Replace(pattern, m => m.Groups["name"].Value switch
        {
            "id" => caseId,
            "partyId" => "0b1e6f3c-0000-4000-8000-000000000001",
            "kind" => "loan-contract",
            "documentName" when m.Value.Contains('?', StringComparison.Ordinal) => "",
            "documentName" => "v1",
            "encoded" => "MAA",
            "caName" => "unknown",
            var other => "sample-" + other,
        });
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method == "*" ? "GET" : method), path);
        if (method == "POST") request.Content = JsonContent.Create(new { });
        return client.SendAsync(request);
    }
}
