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
        foreach (var script in new[] { "/lib/pdfjs/pdf.worker.min.mjs", "/sign/app.js", "/sign/signature-pad.js" })
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
}
