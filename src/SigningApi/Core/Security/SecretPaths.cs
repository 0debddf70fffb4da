namespace OneThing.SigningApi.Core.Security;

/// <summary>
/// Request paths whose segment after a known prefix is a credential: the applicant's link token
/// (<c>/sign/{token}</c>, <c>/api/v1/access/{token}/…</c>) and filesystem download tokens
/// (<c>/api/v1/downloads/{token}</c>). Anything that records a path outside the request itself
/// (traces, logs) records <see cref="Redact"/>'s result instead.
/// </summary>
public static class SecretPaths
{
    public const string Placeholder = "{redacted}";

    private static readonly string[] Prefixes = ["/sign/", "/api/v1/access/", "/api/v1/downloads/"];

    /// <summary>The path with its secret segment replaced, or the path unchanged when it carries none.</summary>
    public static string Redact(string path)
    {
        foreach (var prefix in Prefixes)
        {
            if (!path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || path.Length == prefix.Length) continue;
            var end = path.IndexOf('/', prefix.Length);
            return prefix + Placeholder + (end < 0 ? "" : path[end..]);
        }
        return path;
    }
}
