using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneThing.SigningApi.Access;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using OneThing.SigningApi.Auth;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Hosting;

/// <summary>Health, OpenAPI, errors for unknown routes and start-up validation of settings.</summary>
public sealed class ServiceSurfaceTests(ServiceSurfaceTests.Factory factory) : IClassFixture<ServiceSurfaceTests.Factory>
{
    public sealed class Factory : SigningApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["OneThing:Access:CodeLifetime"] = "00:00:01",
        };
    }

    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task Readiness_checks_database_store_keys_and_the_event_bus()
    {
        // The bus starts beside the host rather than before it, so it may take a moment to report Healthy.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        JsonObject body;
        // Each check's status is for operators; anonymous callers get the overall status only.
        var admin = await _api.AsAsync("admin");
        while (true)
        {
            var response = await admin.GetAsync("/health/ready");
            body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
            if (body["status"]!.GetValue<string>() == "Healthy" || DateTime.UtcNow > deadline) break;
            await Task.Delay(100);
        }
        var checks = body["checks"]!.AsObject();
        foreach (var name in new[] { "database", "document-store", "keys", "event-bus" })
            Assert.Equal("Healthy", checks[name]!["status"]!.GetValue<string>());
        await ApiDriver.EnsureAsync(await _api.Anonymous().GetAsync("/health/live"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_keys_check_warns_a_month_before_a_certificate_expires_and_fails_once_it_has()
    {
        var firstExpiry = factory.Pki.Seals.Select(s => s.Key).Concat(factory.Pki.Officers.Select(o => o.Key)).Append(factory.Pki.TimestampAuthorityKey)
            .Append(factory.Pki.OcspResponderKey).Min(k => k.Certificate.NotAfter);
        var soon = await new SigningKeysProbe(factory.Services, new FakeTimeProvider(new DateTimeOffset(firstExpiry.AddDays(-10), TimeSpan.Zero))).RunAsync();
        Assert.Equal(HealthStatus.Degraded, soon.Status);
        Assert.Contains("expires on", soon.Description);
        var late = await new SigningKeysProbe(factory.Services, new FakeTimeProvider(new DateTimeOffset(firstExpiry.AddDays(1), TimeSpan.Zero))).RunAsync();
        Assert.Equal(HealthStatus.Unhealthy, late.Status);
        Assert.Contains("expired on", late.Description);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_api_and_declares_bearer_security()
    {
        var doc = await _api.Anonymous().GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = doc!["paths"]!.AsObject();
        foreach (var path in new[] { "/api/v1/cases", "/api/v1/cases/{id}", "/api/v1/cases/{id}/sign", "/api/v1/cases/{id}/signing/prepare", "/api/v1/cases/{id}/signing/complete", "/api/v1/cases/{id}/seal", "/api/v1/verify" })
            Assert.True(paths.ContainsKey(path), $"missing {path}");
        Assert.NotNull(doc["components"]!["securitySchemes"]!["Bearer"]);
    }

    [Fact]
    public async Task Unauthenticated_calls_get_a_problem_not_an_empty_body()
    {
        await ApiDriver.ProblemAsync(await _api.Anonymous().GetAsync("/api/v1/cases"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_code_is_refused()
    {
        var opened = await _api.OpenCaseAsync();
        var link = await _api.LinkTokenAsync("13881012345", opened["applicationNumber"]!.GetValue<string>());
        var client = _api.Anonymous();
        await ApiDriver.EnsureAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/identity", new { name = "王建国", idNumber = "510603198804123574" }), HttpStatusCode.OK);
        var code = await _api.LatestCodeAsync("13881012345");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await ApiDriver.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/code", new { code }), HttpStatusCode.Gone, "code-expired");
    }

    [Fact]
    public void Bad_settings_are_refused_with_a_readable_reason()
    {
        Assert.Contains("ApplicantTokenKey", string.Join(";", new AuthOptionsValidator().Validate(null, new AuthOptions { Authority = "https://id.example" }).Failures!));
        Assert.Contains("Issuer", string.Join(";", new AuthOptionsValidator().Validate(null, new AuthOptions { JwksUrl = "https://id.example/jwks", ApplicantTokenKey = Convert.ToBase64String(new byte[32]) }).Failures!));
        Assert.Contains("ConnectionString", string.Join(";", new DatabaseOptionsValidator().Validate(null, new DatabaseOptions { Provider = DatabaseProvider.PostgreSql }).Failures!));
        Assert.Contains("MaxCodeAttempts", string.Join(";", new ApplicantAccessOptionsValidator().Validate(null, new ApplicantAccessOptions { MaxCodeAttempts = 0 }).Failures!));
        Assert.Contains("ConsumerStopTimeout", string.Join(";", new WorkflowOptionsValidator().Validate(null, new WorkflowOptions { ConsumerStopTimeout = TimeSpan.FromMinutes(1) }).Failures!));
        Assert.True(new AuthOptionsValidator().Validate(null, new AuthOptions()).Succeeded);
        Assert.True(new WorkflowOptionsValidator().Validate(null, new WorkflowOptions()).Succeeded);
    }
}
