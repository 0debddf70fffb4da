using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Web;

/// <summary>
/// Strict Content-Security-Policy and companion headers on the front ends' pages and assets. The API
/// reference page (/api-docs) is left alone: it is a third-party page with its own needs.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<WebFrontEndOptions> options, IOptions<StaffSignInOptions> signIn)
{
    // With OIDC sign-in the pages fetch the provider's discovery document and token endpoint: its
    // origin, and nothing else, joins connect-src. Redirects to the provider are navigations (no form-action needed).
    private readonly string _policy = signIn.Value.IsConfigured
        ? ContentSecurityPolicy.AllowConnectTo(options.Value.ContentSecurityPolicy, ContentSecurityPolicy.OriginOf(signIn.Value.Authority!))
        : options.Value.ContentSecurityPolicy;

    public Task InvokeAsync(HttpContext http)
    {
        if (FrontEndPages.IsFrontEnd(http.Request.Path))
        {
            var policy = _policy;
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                // Signing links and case data must not linger in shared caches.
                if (!headers.ContainsKey("Cache-Control")) headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
        }
        return next(http);
    }
}
