using System.ComponentModel.DataAnnotations;

namespace OneThing.Seal.Verification;

/// <summary>Policy and limits of the verifier; bound from configuration section "Verification" and validated at start-up.</summary>
public sealed class VerificationOptions
{
    public const string Section = "Verification";

    /// <summary>Revocation data issued at most this long before the time a signature is proven to exist still counts as fresh.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan RevocationFreshness { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Tolerated clock difference between signer, TSA and verifier.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether a certificate naming no CRL or OCSP service must still have revocation evidence (true: strict; false: "not applicable").</summary>
    public bool RequireRevocationWithoutService { get; set; }

    /// <summary>Per-request timeout for online OCSP/CRL fetching (<c>--online</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan OnlineTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest CRL or OCSP response accepted from the network.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxOnlineResponseBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Largest file verified; bigger inputs are rejected before parsing (bounded memory).</summary>
    [Range(1, 2L * 1024 * 1024 * 1024 - 1)]
    public long MaxFileBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Wall-clock budget for one verification (bounded time on hostile input).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>More signature fields than this is treated as hostile.</summary>
    [Range(1, 10_000)]
    public int MaxSignatures { get; set; } = 256;

    /// <summary>
    /// Entries kept in each of the verifier's content-keyed caches (signature checks, parsed certificates/OCSP/CRLs,
    /// imported public keys) before that cache is cleared; 0 turns them off.
    /// </summary>
    [Range(0, 1_000_000)]
    public int SignatureCacheSize { get; set; } = 4096;
}
