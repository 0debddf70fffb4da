using Org.BouncyCastle.X509;

namespace OneThing.Seal.Pki.Timestamps;

/// <summary>How to reach and whom to trust for an external RFC 3161 timestamp authority.</summary>
public sealed record HttpTimestampClientOptions
{
    public required Uri Url { get; init; }

    /// <summary>Certificates a TSA certificate must chain to; required, since an unanchored token proves nothing.</summary>
    public required IReadOnlyList<X509Certificate> TrustAnchors { get; init; }

    /// <summary>TSA policy to request; null lets the TSA choose.</summary>
    public string? PolicyOid { get; init; }

    /// <summary>Time allowed for one attempt (connect, send, read the reply).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts in all, including the first; only transport failures, timeouts and 5xx are retried.</summary>
    public int MaxAttempts { get; init; } = 3;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Largest accepted difference between the TSA's genTime and our clock.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Replies larger than this are refused (a token with a chain is a few KB).</summary>
    public int MaxReplyBytes { get; init; } = 256 * 1024;
}
