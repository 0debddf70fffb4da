namespace OneThing.SigningApi.Web;

/// <summary><c>OneThing:Web</c>: the three browser front ends the service serves itself.</summary>
public sealed class WebFrontEndOptions
{
    public const string SectionName = "OneThing:Web";

    /// <summary>
    /// Sent on every front-end response. Strict by default: only the product's own scripts, styles and
    /// workers (pdf.js runs its worker from /lib), no inline code, no framing, no third-party origin.
    /// </summary>
    public string ContentSecurityPolicy { get; set; } =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; " +
        "frame-ancestors 'none'; object-src 'none'";
}
