namespace OneThing.SigningApi.Web;

/// <summary>The pages and the static folders that belong to the front ends (the security headers apply to these only).</summary>
internal static class FrontEndPages
{
    /// <summary>Page route → its HTML file under wwwroot.</summary>
    public static readonly IReadOnlyList<(string Route, string File)> Routes =
    [
        // The link secret is base64url: the constraint keeps /sign/app.js and friends for the static files.
        ("/sign/{linkToken:regex(^[A-Za-z0-9_-]+$)}", "sign/index.html"),
        ("/console", "console/index.html"),
        ("/verify", "verify/index.html"),
        ("/", "index.html"),
    ];

    private static readonly string[] Prefixes = ["/sign", "/console", "/verify", "/assets", "/lib"];

    public static bool IsFrontEnd(PathString path) =>
        path == "/" || Prefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
}
