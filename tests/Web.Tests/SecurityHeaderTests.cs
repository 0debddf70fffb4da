using OneThing.SigningApi.Web;
using OneThing.Web.Tests.Infrastructure;

namespace OneThing.Web.Tests;

/// <summary>The pages are served by the product itself, under a strict Content-Security-Policy.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityHeaderTests
{
    private static readonly string[] FrontEndPaths = ["/sign/abc", "/console", "/verify", "/", "/assets/site.css", "/sign/app.js", "/lib/pdfjs/pdf.min.mjs"];

    [Fact]
    public async Task Front_end_responses_carry_a_strict_policy_and_are_served_by_the_product()
    {
        await using var service = RunningService.Start();
        foreach (var path in FrontEndPaths)
        {
            using var response = await service.Http.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", csp);
            Assert.Contains("script-src 'self'", csp);
            Assert.Contains("style-src 'self'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
        }
        // ES modules must be sent as JavaScript or the browser refuses them under nosniff.
        foreach (var script in new[] { "/lib/pdfjs/pdf.worker.min.mjs", "/sign/app.js", "/sign/signature-pad.js", "/lib/oidc-client-ts/oidc-client-ts.min.js", "/assets/staff-session.js" })
        {
            using var module = await service.Http.GetAsync(script);
            Assert.Equal("text/javascript", module.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Pages_load_nothing_from_another_origin_and_use_no_inline_code()
    {
        await using var service = RunningService.Start();
        foreach (var page in new[] { "/sign/abc", "/console", "/verify", "/" })
        {
            var html = await service.Http.GetStringAsync(page);
            Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", html);
            Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", html);
            Assert.DoesNotContain("style=", html);
            Assert.DoesNotContain("<style", html);
        }
    }

    [Fact]
    public void A_policy_that_allows_inline_scripts_or_eval_is_refused_at_start_up()
    {
        var validator = new WebFrontEndOptionsValidator();
        Assert.True(validator.Validate(null, new WebFrontEndOptions()).Succeeded);
        var inline = validator.Validate(null, new WebFrontEndOptions { ContentSecurityPolicy = "script-src 'self' 'unsafe-inline'" });
        Assert.True(inline.Failed);
        Assert.Contains("must not allow 'unsafe-inline'", inline.FailureMessage);
        Assert.True(validator.Validate(null, new WebFrontEndOptions { ContentSecurityPolicy = "script-src 'unsafe-eval'" }).Failed);
        Assert.True(validator.Validate(null, new WebFrontEndOptions { ContentSecurityPolicy = " " }).Failed);
    }

    [Fact]
    public void Staff_sign_in_settings_are_checked_at_start_up()
    {
        var external = new StaffSignInOptionsValidator(apiAcceptsExternalTokens: true);
        Assert.True(external.Validate(null, new StaffSignInOptions()).Succeeded);
        Assert.True(external.Validate(null, new StaffSignInOptions { Authority = "https://id.example", ClientId = "console", Scope = "openid onething-api" }).Succeeded);

        var noClient = external.Validate(null, new StaffSignInOptions { Authority = "https://id.example", Scope = "openid" });
        Assert.Contains("ClientId is required", noClient.FailureMessage);
        Assert.Contains("Scope is required", external.Validate(null, new StaffSignInOptions { Authority = "https://id.example", ClientId = "c" }).FailureMessage);
        Assert.Contains("must include openid", external.Validate(null, new StaffSignInOptions { Authority = "https://id.example", ClientId = "c", Scope = "onething-api" }).FailureMessage);
        Assert.Contains("not an absolute http(s) URL", external.Validate(null, new StaffSignInOptions { Authority = "id.example", ClientId = "c", Scope = "openid" }).FailureMessage);
        Assert.Contains("there is no Authority", external.Validate(null, new StaffSignInOptions { ClientId = "c" }).FailureMessage);
        // Signing in at a provider whose tokens the API would not accept is a misconfiguration, not a mode.
        var embedded = new StaffSignInOptionsValidator(apiAcceptsExternalTokens: false);
        Assert.Contains("trusts only the development issuer", embedded.Validate(null, new StaffSignInOptions { Authority = "https://id.example", ClientId = "c", Scope = "openid" }).FailureMessage);
    }

    [Fact]
    public void The_providers_origin_joins_connect_src_and_nothing_else_changes()
    {
        var policy = new WebFrontEndOptions().ContentSecurityPolicy;
        var origin = ContentSecurityPolicy.OriginOf("https://id.example.gov.cn:8443/realms/centre/");
        Assert.Equal("https://id.example.gov.cn:8443", origin);
        var extended = ContentSecurityPolicy.AllowConnectTo(policy, origin);
        Assert.Contains("connect-src 'self' https://id.example.gov.cn:8443;", extended);
        Assert.Equal(policy.Replace("connect-src 'self'", "connect-src 'self' https://id.example.gov.cn:8443"), extended);
        Assert.Equal(extended, ContentSecurityPolicy.AllowConnectTo(extended, origin));
        Assert.Equal("default-src 'none'; connect-src 'self' https://id.example", ContentSecurityPolicy.AllowConnectTo("default-src 'none'", "https://id.example"));
    }
}
