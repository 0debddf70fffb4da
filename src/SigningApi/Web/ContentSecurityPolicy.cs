namespace OneThing.SigningApi.Web;

/// <summary>Edits one directive of a policy string without touching the others.</summary>
public static class ContentSecurityPolicy
{
    /// <summary>
    /// Adds <paramref name="origin"/> to <c>connect-src</c> (the pages fetch the provider's discovery
    /// document and token endpoint); without that directive, one is added beside <c>'self'</c>.
    /// </summary>
    public static string AllowConnectTo(string policy, string origin)
    {
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        var index = directives.FindIndex(d => d.Equals("connect-src", StringComparison.OrdinalIgnoreCase) || d.StartsWith("connect-src ", StringComparison.OrdinalIgnoreCase));
        if (index < 0) directives.Add($"connect-src 'self' {origin}");
        else if (!directives[index].Split(' ').Contains(origin, StringComparer.OrdinalIgnoreCase)) directives[index] += " " + origin;
        return string.Join("; ", directives);
    }

    /// <summary>scheme://host[:port] of an absolute URL, as CSP source expressions name origins.</summary>
    public static string OriginOf(string url) => new Uri(url).GetLeftPart(UriPartial.Authority);
}
