using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Hosting;

/// <summary>
/// What a stranger learns from the service in the Production host environment: a refused token is a
/// bare 401, API answers are never content-sniffed, and HTTPS answers pin HTTPS (HSTS).
/// </summary>
public sealed class ProductionResponseTests(ProductionResponseTests.Factory factory) : IClassFixture<ProductionResponseTests.Factory>
{
    public sealed class Factory : ProductionFactory;

    [Fact]
    public async Task Outside_Development_a_refused_token_gets_a_bare_401_that_does_not_say_why()
    {
        foreach (var token in new[]
        {
            factory.Issuer.Staff("mallory", ["admin"], key: TestStaffIssuer.NewKey()),                       // unknown key
            factory.Issuer.Staff("auditor", ["auditor"], expires: DateTimeOffset.UtcNow.AddMinutes(-5)),      // expired
            factory.Issuer.Token(new Dictionary<string, object> { ["sub"] = "x", ["role"] = "admin" }, audience: "another-api"),
        })
        {
            var response = await factory.As(token).GetAsync("/api/v1/cases");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString());
        }
    }

    [Fact]
    public async Task In_Development_the_same_refusal_says_why()
    {
        await using var development = new ExternalIssuerFactory();
        var response = await development.As(development.Issuer.Staff("auditor", ["auditor"], expires: DateTimeOffset.UtcNow.AddMinutes(-5))).GetAsync("/api/v1/cases");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error_description", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Every_api_answer_carries_nosniff_the_problems_and_the_pdf_included()
    {
        var anonymous = factory.CreateClient();
        var admin = factory.As(factory.Issuer.Staff("admin", ["admin"]));
        foreach (var response in new[]
        {
            await anonymous.GetAsync("/api/v1/cases"),                  // 401
            await admin.GetAsync("/api/v1/cases"),                      // 200 JSON
            await admin.GetAsync($"/api/v1/cases/{Guid.NewGuid()}"),    // 404 problem
            await anonymous.GetAsync("/health/live"),
            await anonymous.GetAsync("/pki/ca/no-such-ca.crt"),
        })
        {
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }
    }

    [Fact]
    public async Task Answers_over_https_pin_https_and_answers_over_plain_http_do_not()
    {
        var https = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://sign.centre.example") });
        var hsts = Assert.Single((await https.GetAsync("/health/live")).Headers.GetValues("Strict-Transport-Security"));
        Assert.StartsWith("max-age=", hsts);
        Assert.DoesNotContain("max-age=0", hsts);
        var http = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://sign.centre.example") });
        Assert.False((await http.GetAsync("/health/live")).Headers.Contains("Strict-Transport-Security"));
    }
}
